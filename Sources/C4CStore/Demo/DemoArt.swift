import Foundation

/// Small generated illustrations and documents for the demo content: no photo or text is copied
/// from anywhere, and each is a few hundred bytes.
enum DemoArt {
    static let palette = ["#0b6e4f", "#1f4e8c", "#b5422f", "#7a4b94", "#a86b00", "#2f6f7e", "#5b6b2f", "#8c2f5b"]

    /// A city skyline over a coloured sky, with a park and a child-sized path.
    static func cityscape(seed: Int, width: Int = 1200, height: Int = 600) -> Data {
        let sky = palette[seed % palette.count]
        var buildings = ""
        var x = 0
        var n = seed
        while x < width {
            n = (n &* 1_103_515_245 &+ 12345) & 0x7fff_ffff
            let w = 60 + n % 90
            let h = 140 + (n / 7) % 260
            buildings += "<rect x=\"\(x)\" y=\"\(height - 120 - h)\" width=\"\(w - 8)\" height=\"\(h)\" fill=\"#f4efe6\" opacity=\"0.85\"/>"
            x += w
        }
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">\
            <rect width="\(width)" height="\(height)" fill="\(sky)"/>\
            <circle cx="\(width - 180)" cy="120" r="60" fill="#ffd166"/>\(buildings)\
            <rect y="\(height - 120)" width="\(width)" height="120" fill="#3a7d44"/>\
            <path d="M0 \(height - 40) C \(width / 3) \(height - 100), \(2 * width / 3) \(height), \(width) \(height - 60)" \
            stroke="#f4efe6" stroke-width="18" fill="none"/></svg>
            """
        return Data(svg.utf8)
    }

    /// A logo: the organisation's initials on a coloured tile.
    static func logo(initials: String, seed: Int) -> Data {
        let colour = palette[seed % palette.count]
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="160" height="80" viewBox="0 0 160 80">\
            <rect width="160" height="80" rx="10" fill="\(colour)"/>\
            <text x="80" y="52" font-family="sans-serif" font-size="30" font-weight="700" fill="#fff" \
            text-anchor="middle">\(initials)</text></svg>
            """
        return Data(svg.utf8)
    }

    /// A report cover: a coloured page with a band and shapes.
    static func cover(seed: Int) -> Data {
        let colour = palette[seed % palette.count]
        let accent = palette[(seed + 3) % palette.count]
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="0 0 600 400">\
            <rect width="600" height="400" fill="\(colour)"/><rect y="280" width="600" height="120" fill="\(accent)"/>\
            <circle cx="\(120 + seed * 37 % 360)" cy="150" r="70" fill="#f4efe6" opacity="0.8"/>\
            <rect x="\(300 + seed * 13 % 200)" y="90" width="90" height="190" fill="#f4efe6" opacity="0.6"/></svg>
            """
        return Data(svg.utf8)
    }

    /// A one-page PDF whose text is the title, so downloads in the demo are real PDFs.
    static func pdf(title: String, lines: [String] = []) -> Data {
        func escape(_ s: String) -> String {
            String(s.unicodeScalars.map { $0.isASCII ? Character($0) : "?" })
                .replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
        }
        var text = "BT /F1 20 Tf 56 760 Td (\(escape(title))) Tj /F1 11 Tf"
        for line in lines { text += " 0 -22 Td (\(escape(line))) Tj" }
        text += " ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
