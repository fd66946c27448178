import BEBCheck
import BEBSyntax
import Foundation

/// The fuzz target: one input is a `.beb` file, loaded (lexed, parsed, elaborated) and, when it
/// loads, checked by the kernel, with the axiom schemas and definitions loaded beside it (as
/// `import "beb/axioms"` would), so that mutated proofs reach the checker. Every input must
/// end in a result or a diagnostic: a crash, a trap or a hang is a bug.
///
/// Built two ways (see `fuzz/run`): with `-sanitize=fuzzer,address -DFUZZING`, libFuzzer
/// drives `LLVMFuzzerTestOneInput`; in a normal build this target is `beb-fuzz FILE...`, which
/// runs each file once (to replay a crash the fuzzer saved, under a debugger if need be).
enum Fuzz {
  /// The library's axiom schemas and definitions, read once.
  static let library: [SourceFile] = {
    guard let root = Library.root(), let paths = Library.files("beb/axioms", root: root) else {
      return []
    }
    return paths.compactMap { path in
      (try? String(contentsOfFile: path, encoding: .utf8)).map {
        SourceFile(path: path, text: $0)
      }
    }
  }()

  static func run(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    let input = SourceFile(path: "input.beb", text: text)
    // Imports are resolved against no library: the axioms are already among the sources.
    guard case .success(let development) = Loader.load(sources: library + [input], library: nil)
    else { return }
    var options = CheckOptions()
    options.only = development.entries.filter { $0.path == "input.beb" }.map(\.id)
    _ = Checker.check(development, options: options)
  }
}

#if FUZZING
  /// libFuzzer's driver (in the runtime `-sanitize=fuzzer` links): it parses libFuzzer's
  /// options from the command line and calls the callback with each input.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  // SwiftPM names an executable's entry point itself, so libFuzzer's own `main` is not used:
  // this one hands the command line to libFuzzer's driver.
  @main struct FuzzMain {
    static func main() {
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      let status = runDriver(&argc, &argv) { data, size in
        Fuzz.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
      }
      exit(status)
    }
  }
#else
  @main struct Replay {
    static func main() throws {
      let paths = Array(CommandLine.arguments.dropFirst())
      guard !paths.isEmpty else {
        print("usage: beb-fuzz FILE...  (runs each file as one fuzz input; see fuzz/run)")
        return
      }
      for path in paths {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.withUnsafeBytes { Fuzz.run($0) }
        print("\(path): ran")
      }
    }
  }
#endif
