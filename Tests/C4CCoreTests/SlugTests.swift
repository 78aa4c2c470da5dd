import C4CCore
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("Walking to school in Nairobi", "walking-to-school-in-nairobi"),
        ("Ciudades Seguras para la Niñez", "ciudades-seguras-para-la-ninez"),
        ("  Play -- in   crisis!  ", "play-in-crisis"),
        ("São Paulo & Bogotá", "sao-paulo-bogota"),
        ("The 15-minute city", "the-15-minute-city"),
    ])
    func makesReadableSlugs(title: String, expected: String) {
        #expect(Slug.make(from: title) == expected)
    }

    /// Property: whatever the input, a non-empty slug is valid and short enough.
    @Test func everyMadeSlugIsValid() {
        let alphabet = Array("aZ09 -_é漢ñ!?/.&😀")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0..<120)).map { _ in alphabet.randomElement()! })
            let slug = Slug.make(from: text)
            #expect(slug.isEmpty || Slug.isValid(slug), "\(text) → \(slug)")
            #expect(slug.count <= 80)
        }
    }

    @Test func rejectsUnsafeSlugs() {
        #expect(!Slug.isValid("../etc"))
        #expect(!Slug.isValid("Upper"))
        #expect(!Slug.isValid("-leading"))
        #expect(!Slug.isValid(""))
        #expect(Slug.isValid("dialogues-4-action"))
    }
}
