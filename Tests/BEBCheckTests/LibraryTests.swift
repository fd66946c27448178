import BEBSyntax
import Foundation
import Testing

@testable import BEBCLI
@testable import BEBCheck

/// A development of one's own: `import "beb/axioms"` / `import "beb/paper"`, and `beb init`.
@Suite struct LibraryTests {
  static let root = NumericCheckTests.root

  static func folder() -> String {
    let path = NSTemporaryDirectory() + "beb-library-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func load(_ text: String, library: String? = root) -> Result<Development, LoadFailure> {
    Loader.load(sources: [SourceFile(path: "mine.beb", text: text)], library: library)
  }

  @Test func importsParseAndPrint() throws {
    let file = SourceFile(
      path: "a.beb",
      text: "import \"beb/axioms\"\nimport \"beb/paper\"\n\ndefinition def-one := 1 > 0\n")
    let tree = try Parser.parse(file)
    #expect(tree.imports.map(\.text) == ["beb/axioms", "beb/paper"])
    let printed = Printer.print(tree)
    #expect(printed.hasPrefix("import \"beb/axioms\"\nimport \"beb/paper\"\n\n"))
    #expect(try Parser.parse(SourceFile(path: "b.beb", text: printed)) == tree)
  }

  /// The axioms alone: a lemma citing a schema verifies; the paper's results are not loaded.
  @Test func aLemmaCitesAnAxiomSchema() throws {
    let text = """
      import "beb/axioms"

      lemma lemma-log-inv-two "log(1/2) = -log(2)"
        show log(1 / 2) = -log(2)

      proof lemma-log-inv-two
        show log(1 / 2) = -log(2) by ax-log-inv with a := 2
      """
    let development = try Self.load(text).get()
    #expect(development.entry("ax-log-inv") != nil)
    #expect(development.entry("thm-3.1") == nil)
    #expect(development.ownEntries.map(\.id) == ["lemma-log-inv-two"])
    var options = CheckOptions()
    options.only = ["lemma-log-inv-two"]
    let report = Checker.check(development, options: options)
    #expect(report.results.map(\.status) == [.verified])
    #expect(report.results.first?.axioms == ["ax-log-inv"])
  }

  /// Without the import the same lemma does not load: the schema is unknown.
  @Test func withoutTheImportTheSchemaIsUnknown() throws {
    let text = """
      lemma lemma-log-inv-two "log(1/2) = -log(2)"
        show log(1 / 2) = -log(2)

      proof lemma-log-inv-two
        show log(1 / 2) = -log(2) by ax-log-inv with a := 2
      """
    let development = try Self.load(text).get()
    #expect(development.entry("ax-log-inv") == nil)
    let report = Checker.check(development, options: CheckOptions())
    #expect(report.results.first?.status == .unjustified)
    #expect(report.results.first?.steps.first?.reason?.contains("ax-log-inv") == true)
  }

  @Test func aMissingLibraryIsAnErrorAtTheImport() {
    let failure = Self.load("import \"beb/paper\"\n", library: nil)
    guard case .failure(let f) = failure else {
      Issue.record("loaded without a library")
      return
    }
    #expect(f.diagnostics.first?.line == 1)
    #expect(f.diagnostics.first?.column == 8)
    #expect(f.diagnostics.first?.message.contains("BEB_LIBRARY") == true)
    #expect(Library.root(environment: ["BEB_LIBRARY": "/nonexistent"]) == nil)
    #expect(Library.root(environment: ["BEB_LIBRARY": Self.root]) == Self.root)
    #expect(Library.notFound(environment: ["BEB_LIBRARY": "/x"]).contains("'/x'"))
  }

  /// `beb init`, then `beb check` in the new folder: both lemmas verified, only they are
  /// reported, each with exactly the axioms it rests on; init never overwrites.
  @Test func initThenCheck() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let created = BEB.run(["init", "dev"], in: folder)
    #expect(created.status == 0)
    #expect(created.stdout.contains("wrote dev/theorems/example.beb"))
    // A bare `beb check`, as a newcomer runs it: the kernel and 1000 worlds.
    let check = BEB.run(["check"], in: folder + "/dev")
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let rows = check.stdout.split(separator: "\n").filter {
      $0.hasPrefix("lemma-") && $0.contains("verified")
    }
    #expect(rows.count == 2)
    #expect(!check.stdout.contains("thm-3.1"))
    #expect(
      check.stdout.contains("lemma-log-three rests on 1 axiom schema (ax-log-mul) and 0 results"))
    #expect(
      check.stdout.contains(
        "lemma-C2-bounded rests on 8 axiom schemas (ax-abs-le, ax-abs-mul, ax-behavior-after, "
          + "ax-chain, ax-cond-pos, ax-cond-total, ax-inv-one-plus, ax-mix) and 2 results "
          + "(lemma-C.1-repaired, lemma-C.2-repaired)"))
    #expect(check.stdout.contains("2 results in 1 file (and 50 imported): 2 verified"))
    // A folder with a .gitignore of its own: kept as it is.
    try FileManager.default.createDirectory(
      atPath: folder + "/repo", withIntermediateDirectories: true)
    try "build/\n".write(toFile: folder + "/repo/.gitignore", atomically: true, encoding: .utf8)
    #expect(BEB.run(["init", "repo"], in: folder).status == 0)
    #expect(try String(contentsOfFile: folder + "/repo/.gitignore", encoding: .utf8) == "build/\n")
    let again = BEB.run(["init", "dev"], in: folder)
    #expect(again.status == 2)
    #expect(again.stderr.contains("exists already"))
    // A result of the library can be edited from the user's folder.
    let whatif = BEB.run(
      ["whatif", "lemma-C.2-repaired", "--drop", "prefix", "--worlds", "5"], in: folder + "/dev")
    #expect(whatif.status == 1, "\(whatif.stderr)")
    #expect(whatif.stdout.contains("lemma-C2-bounded"))
  }
}

/// `beb search PATTERN`: what to cite.
@Suite struct SearchTests {
  static func pattern(_ text: String) throws -> Expr {
    try Parser.parseExpression(SourceFile(path: "PATTERN", text: text))
  }

  @Test func holesMatchAnySubexpression() throws {
    let statement = try Self.pattern("log((a + 1) · b) = log(a + 1) + log(b)")
    #expect(Search.occurs(try Self.pattern("log(_ · _)"), in: statement))
    #expect(Search.occurs(try Self.pattern("log((_) · b)"), in: statement))
    #expect(Search.occurs(try Self.pattern("_ = _ + _"), in: statement))
    // Names as written, operators as written.
    #expect(!Search.occurs(try Self.pattern("log(x · _)"), in: statement))
    #expect(!Search.occurs(try Self.pattern("log(_ / _)"), in: statement))
    #expect(!Search.occurs(try Self.pattern("exp(_)"), in: statement))
  }

  /// The must-show of issue 17: the logarithm-of-a-product schema is found.
  @Test func findsTheLogOfAProduct() {
    let folder = NSTemporaryDirectory()
    let outcome = BEB.run(["search", "log(_ · _)"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let first = outcome.stdout.split(separator: "\n").first ?? ""
    #expect(first.hasPrefix("ax-log-mul  axiom  "), "\(outcome.stdout)")
    #expect(outcome.stdout.contains("show log(a · b) = log(a) + log(b)"))
    #expect(outcome.stdout.contains("assume a_pos : a > 0"))
  }

  @Test func nothingFoundAndBadPatterns() {
    let folder = NSTemporaryDirectory()
    let none = BEB.run(["search", "exp(exp(exp(_)))"], in: folder)
    #expect(none.status == 1)
    #expect(none.stderr.contains("no statement contains exp(exp(exp(_)))"))
    let bad = BEB.run(["search", "log(_ · "], in: folder)
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("PATTERN:1:"))
    #expect(BEB.run(["search"], in: folder).status == 2)
    #expect(BEB.run(["help", "search"]).stdout.contains("beb search 'log(_ · _)'"))
  }
}
