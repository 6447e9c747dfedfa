import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is dropped.
public final class TemporaryFolder {
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "outcomes-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }
}
