// swift-tools-version:6.0
// The framework's ceiling: Hummingbird answering one page from memory, with no middleware,
// database or template, so bench/run can show how close c4c's cached path comes to it.
import PackageDescription

let package = Package(
    name: "ceiling",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        .executableTarget(name: "Ceiling", dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")]),
    ]
)
