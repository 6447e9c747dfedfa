import Glibc
import TestSupport
import Testing
@testable import OutcomesIO

@Suite struct SHA256Tests {
    func digest(_ text: String) -> String {
        var h = SHA256()
        h.update(Array(text.utf8))
        return h.finalize()
    }

    @Test func publishedVectors() {
        #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func chunkingDoesNotMatter() {
        let text = Array(String(repeating: "outcomes,", count: 1000).utf8)
        var whole = SHA256()
        whole.update(text)
        var pieces = SHA256()
        var i = 0
        while i < text.count { pieces.update(Array(text[i..<min(i + 37, text.count)])); i += 37 }
        #expect(whole.finalize() == pieces.finalize())
    }

    @Test func fileDigestMatchesSha256sum() throws {
        let folder = TemporaryFolder()
        let path = folder.write("x.csv", "abc")
        let (hex, size) = try SHA256.ofFile(path)
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" && size == 3)
    }

    @Test func descriptorDigestStartsAtTheFirstByteWhateverTheOffset() throws {
        let folder = TemporaryFolder()
        let path = folder.write("x.csv", "abc")
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        _ = lseek(fd, 2, SEEK_SET)
        let (hex, size) = try SHA256.ofFile(descriptor: fd, path: "x.csv")
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" && size == 3)
        #expect(lseek(fd, 0, SEEK_CUR) == 2)
    }
}
