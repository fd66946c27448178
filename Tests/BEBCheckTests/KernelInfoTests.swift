import BEBCheck
import Foundation
import Testing

/// The kernel's size, as reported by `beb check`, is the real one.
@Suite struct KernelInfoTests {
  @Test func codeLinesAreUpToDate() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/BEBKernel")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".swift") }
    var count = 0
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty && !trimmed.hasPrefix("//") { count += 1 }
      }
    }
    #expect(count == KernelInfo.codeLines, "update KernelInfo.codeLines to \(count)")
    #expect(count <= 2500, "the kernel has grown past its budget of 2,500 code lines")
  }
}
