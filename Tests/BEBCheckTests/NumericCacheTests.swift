import BEBCheck
import BEBKernel
import Foundation
import Testing

@testable import BEBCLI
@testable import BEBNumeric

/// The numeric cache: a kept verdict is the verdict the check computes, and it is used only
/// for exactly the inputs it was computed from.
@Suite struct NumericCacheTests {
  static let source = """
    theorem thm-half "a half of a positive number is below it"
      given a : Real
      assume apos : a > 0
      show a / 2 < a

    proof thm-half
      show a / 2 < a by linarith [apos]

    lemma lemma-wrong "a false claim, refuted on a world"
      given p : Prob
      show p ≤ 1/2
    """

  static func development(_ text: String = source) throws -> Development {
    guard case .success(let development) = Loader.load(sources: [.init(path: "c.beb", text: text)])
    else { throw CacheTestError.doesNotLoad }
    return development
  }

  enum CacheTestError: Error { case doesNotLoad }

  /// A fresh folder under the temporary directory.
  static func folder() -> String {
    let path = NSTemporaryDirectory() + "beb-cache-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func check(_ development: Development, cache: NumericCache?) -> CheckReport {
    var options = CheckOptions()
    options.numeric = true
    options.worlds = 20
    options.cache = cache
    return Checker.check(development, options: options)
  }

  @Test func aKeptVerdictIsTheComputedOne() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = NumericCache(folder: folder, engine: "test")
    let development = try Self.development()
    let computed = Self.check(development, cache: cache)
    #expect(computed.numericCached.isEmpty)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(files.count == 2)
    let read = Self.check(development, cache: cache)
    #expect(read.numericCached == ["lemma-wrong", "thm-half"])
    let uncached = Self.check(development, cache: nil)
    #expect(read.json().serialized() == uncached.json().serialized())
    #expect(computed.json().serialized() == uncached.json().serialized())
    // The refuting world comes back value for value.
    let wrong = try #require(read.results.first { $0.entry.id == "lemma-wrong" })
    #expect(wrong.numeric?.status == .refuted)
    #expect(wrong.numeric?.world != nil)
    #expect(wrong.numeric == uncached.results.first { $0.entry.id == "lemma-wrong" }?.numeric)
  }

  @Test func aStaleEntryIsNeverUsed() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let development = try Self.development()
    _ = Self.check(development, cache: NumericCache(folder: folder, engine: "build 1"))
    // Another build of beb: nothing is read.
    let rebuilt = Self.check(development, cache: NumericCache(folder: folder, engine: "build 2"))
    #expect(rebuilt.numericCached.isEmpty)
    // An edited statement: its verdict is computed again, the other one is read.
    let edited = try Self.development(Self.source.replacingOccurrences(of: "a > 0", with: "a > 1"))
    let after = Self.check(edited, cache: NumericCache(folder: folder, engine: "build 2"))
    #expect(after.numericCached == ["lemma-wrong"])
    // Another budget or seed: computed again.
    var options = CheckOptions()
    options.numeric = true
    options.worlds = 21
    options.cache = NumericCache(folder: folder, engine: "build 2")
    #expect(Checker.check(edited, options: options).numericCached.isEmpty)
    options.worlds = 20
    options.seed = 2
    #expect(Checker.check(edited, options: options).numericCached.isEmpty)
  }

  /// A file whose stored key is not the key asked for (a hash collision, or a file edited by
  /// hand) is not used, even with a verdict that would parse.
  @Test func anEntryUnderAnotherKeyIsNotUsed() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = NumericCache(folder: folder, engine: "test")
    let development = try Self.development()
    _ = Self.check(development, cache: cache)
    for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
      let path = folder + "/" + file
      let text = try String(contentsOfFile: path, encoding: .utf8)
      // The key ends with the trace: change one character of it in the file.
      let forged = text.replacingOccurrences(of: "count 20;", with: "count 21;")
      #expect(forged != text)
      try forged.write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(Self.check(development, cache: cache).numericCached.isEmpty)
    // Garbage in an entry's place is ignored too, and replaced.
    for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
      try "not json".write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
    }
    #expect(Self.check(development, cache: cache).numericCached.isEmpty)
    #expect(Self.check(development, cache: cache).numericCached.count == 2)
  }

  /// Kernel data that prints alike is keyed apart: the sort of a bound variable counts.
  @Test func keysTellSortsApart() {
    let n = Variable("x", .nat)
    let r = Variable("x", .real)
    let body = { (v: Variable) in Formula.relation(.ge, .variable(v), .number(0)) }
    var a = ""
    var b = ""
    CanonicalText.formula(.forall(n, body(n)), into: &a)
    CanonicalText.formula(.forall(r, body(r)), into: &b)
    #expect(a != b)
    // Names are written with their length: "ab" + "c" is not "a" + "bc".
    var c = ""
    var d = ""
    CanonicalText.formula(.predicate("ab", [.variable(Variable("c", .real))]), into: &c)
    CanonicalText.formula(.predicate("a", [.variable(Variable("bc", .real))]), into: &d)
    #expect(c != d)
  }

  /// A world with every kind of value comes back equal from its JSON.
  @Test func worldsRoundTrip() throws {
    let half = Rational(BigInt(1), BigInt(2))
    let model = Model(
      sentences: 2, horizon: 1,
      next: [[]: [Rational(BigInt(1), BigInt(3)), Rational(BigInt(2), BigInt(3))]])
    let world = World(
      sentences: 2, horizon: 1,
      values: [
        Variable("α", .prob): .number(Interval(half)),
        Variable("w", .real): .number(Interval(half, Rational(1))),
        Variable("l", .real): .number(Interval(float: 0.1, .infinity)),
        Variable("s", .text): .text([0, 1, 1]),
        Variable("B", .behavior): .behavior([-1, half]),
        Variable("P", .dist): .law(
          .mixture(
            Interval(half), .model(model),
            .conditional(.bestOfN(.model(model), [0, 1], 2), [1]))),
      ])
    let data = try JSONEncoder().encode(world)
    let back = try JSONDecoder().decode(World.self, from: data)
    #expect(back == world)
  }

  /// `beb check --numeric` keeps its verdicts in .beb-cache/ of the folder it runs in, says
  /// on stderr how many it read, and `--no-cache` reads none.
  @Test func theCommandLineKeepsAndReadsVerdicts() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Self.source.write(toFile: folder + "/c.beb", atomically: true, encoding: .utf8)
    let args = ["check", "c.beb", "--numeric", "--worlds", "20", "--json"]
    let first = BEB.run(args, in: folder)
    #expect(!first.stderr.contains("read from .beb-cache"))
    #expect(FileManager.default.fileExists(atPath: folder + "/.beb-cache"))
    let second = BEB.run(args, in: folder)
    #expect(second.stderr.contains("numeric: 2 verdicts read from .beb-cache/"))
    #expect(second.stdout == first.stdout)
    let third = BEB.run(args + ["--no-cache"], in: folder)
    #expect(third.stderr.isEmpty)
    #expect(third.stdout == first.stdout)
  }

  /// `beb check` runs both halves by default, at 1000 worlds; `--symbolic-only` and
  /// `--worlds 0` run the kernel alone, and neither goes with `--numeric` or `--necessity`.
  @Test func checkRunsWorldsByDefault() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Self.source.write(toFile: folder + "/c.beb", atomically: true, encoding: .utf8)
    let both = BEB.run(["check", "c.beb", "--no-cache"], in: folder)
    #expect(both.status == 1)
    let rows = both.stdout.split(separator: "\n")
    #expect(rows.contains { $0.hasPrefix("thm-half") && $0.contains("passed 1000/1000") })
    #expect(rows.contains { $0.hasPrefix("lemma-wrong") && $0.contains("refuted") })
    var outputs: [String] = []
    for flags in [["--symbolic-only"], ["--worlds", "0"], ["--worlds", "30", "--worlds", "0"]] {
      let symbolic = BEB.run(["check", "c.beb", "--json"] + flags, in: folder)
      outputs.append(symbolic.stdout)
      // lemma-wrong has no proof: unchecked, and nothing refutes it without worlds.
      #expect(symbolic.status == 1, "\(flags): \(symbolic.stderr)")
      #expect(symbolic.stdout.contains("\"status\": \"unchecked\""))
      #expect(!symbolic.stdout.contains("\"status\": \"passed\""))
      #expect(!symbolic.stdout.contains("\"status\": \"refuted\""))
    }
    // The last --worlds counts, as for every option given twice; both ways say the same.
    #expect(Set(outputs).count == 1)
    for flags in [
      ["--symbolic-only", "--numeric"], ["--worlds", "0", "--necessity"], ["--worlds", "-3"],
      ["--worlds", "0", "--numeric"], ["--symbolic-only", "--necessity"],
      ["--symbolic-only", "--worlds", "100"],
    ] {
      let refused = BEB.run(["check", "c.beb"] + flags, in: folder)
      #expect(refused.status == 2, "\(flags)")
      #expect(refused.stderr.contains("beb check --help"))
    }
  }
}
