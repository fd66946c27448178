// swift-tools-version:6.0
// beb — a proof checker for the Behavior Expectation Bounds theory (see README.md).
// No third-party packages: every target below depends only on the toolchain.
import PackageDescription

let package = Package(
  name: "beb",
  products: [
    .executable(name: "beb", targets: ["beb"])
  ],
  targets: [
    // Trusted: exact arithmetic, terms, formulas, sorts, normal forms. stdlib only.
    .target(name: "BEBKernel"),
    // Source files, lexer, parser, inert AST, pretty-printer, diagnostics.
    .target(name: "BEBSyntax"),
    // Untrusted automation: searches for certificates (linear arithmetic, ...) that the
    // kernel replays. A bug here can cost an "unjustified", never a false "verified".
    .target(name: "BEBSymbolic", dependencies: ["BEBKernel"]),
    // Finite worlds: sound evaluation on concrete language models, statement checks.
    // Sampling can refute or add evidence; it never makes a step "verified".
    .target(name: "BEBNumeric", dependencies: ["BEBKernel"]),
    // Loads a development, elaborates the AST into kernel terms, checks it.
    .target(
      name: "BEBCheck", dependencies: ["BEBKernel", "BEBSyntax", "BEBSymbolic", "BEBNumeric"]),
    // Proof reports: Markdown, self-contained HTML (MathML, SVG graph and plots), LaTeX, JSON.
    .target(
      name: "BEBReport", dependencies: ["BEBKernel", "BEBSyntax", "BEBNumeric", "BEBCheck"]),
    // The command-line logic, as a library so tests can run it in-process.
    .target(
      name: "BEBCLI",
      dependencies: ["BEBKernel", "BEBSyntax", "BEBNumeric", "BEBCheck", "BEBReport"]),
    .executableTarget(name: "beb", dependencies: ["BEBCLI"]),
    // The fuzz target over lexer, parser, elaborator and checker (fuzz/run builds it with
    // libFuzzer); in a normal build, a replayer of saved inputs.
    .executableTarget(name: "beb-fuzz", dependencies: ["BEBCheck", "BEBSyntax"]),
    .testTarget(name: "BEBKernelTests", dependencies: ["BEBKernel", "BEBSymbolic", "BEBNumeric"]),
    .testTarget(name: "BEBSyntaxTests", dependencies: ["BEBSyntax"]),
    .testTarget(name: "BEBSymbolicTests", dependencies: ["BEBSymbolic", "BEBKernel"]),
    .testTarget(name: "BEBNumericTests", dependencies: ["BEBNumeric", "BEBKernel"]),
    // Finds theorems/ and the invalid corpus (Tests/Corpus) through #filePath.
    .testTarget(
      name: "BEBCheckTests", dependencies: ["BEBCheck", "BEBCLI", "BEBSyntax", "BEBKernel"]),
    // Golden files in Tests/BEBReportTests/Golden (BEB_RECORD=1 rewrites them).
    .testTarget(
      name: "BEBReportTests",
      dependencies: ["BEBReport", "BEBCheck", "BEBCLI", "BEBSyntax", "BEBKernel"],
      exclude: ["Golden", "Fixture"]),
  ]
)
