import BEBKernel
import BEBNumeric
import BEBSyntax
import Foundation
import Synchronization

/// A hypothesis of a result: its name, the formula as written, and its elaboration.
public struct Hypothesis: Sendable {
  public let name: String
  public let source: Expr
  public let formula: Formula
}

/// What kind of entry a development holds under an id.
public enum EntryKind: String, Sendable, CaseIterable {
  case definition, lemma, theorem, corollary, proposition, axiom

  init(_ kind: ResultKind) { self = EntryKind(rawValue: kind.rawValue)! }
}

/// A definition or result, elaborated: every name resolved, every sort checked.
public struct Entry: Sendable {
  public let kind: EntryKind
  public let id: String
  public let title: String?
  public let path: String
  public let line: Int
  public let variantOf: String?
  /// The universally quantified variables (`given`), or a definition's parameters.
  public let parameters: [Variable]
  public let hypotheses: [Hypothesis]
  /// The conclusion of a result, or the body of a definition.
  public let statement: Expr
  public let formula: Formula
  /// The proof, if the development has one.
  public let proof: ProofDecl?
  /// The result as written (nil for definitions), and the file it is in.
  public let declaration: ResultDecl?
  public let file: SourceFile
  /// The file the proof is in (often not the statement's).
  public var proofFile: SourceFile? = nil

  /// The entry as the kernel sees it.
  public var kernelStatement: ResultStatement {
    ResultStatement(
      id: id, parameters: parameters,
      hypotheses: hypotheses.map { (name: $0.name, formula: $0.formula) }, conclusion: formula)
  }
}

/// A loaded development: all entries and findings, in a deterministic order.
public struct Development: Sendable {
  public let files: [String]
  /// Sorted by id, numbers in ids compared as numbers (`def-2.10` after `def-2.9`).
  public let entries: [Entry]
  public let findings: [FindingDecl]
  /// The signatures of definitions and the kinds of results, for elaborating proofs.
  public let global: GlobalContext
  /// Definition bridges of a definition edit (`beb whatif --def OLD=NEW`): for NEW, the OLD it
  /// replaced and the results NEW(ū) ⇒ OLD(ū) (`Development.bridges(from:to:)`), which a step
  /// unfolding OLD may cite. Empty outside what-ifs.
  public var bridges: [String: (old: String, lemmas: [String])] = [:]
  /// The hypotheses an edit dropped (`beb whatif --drop`), by result id, so that a step that
  /// still cites one is told so. Empty outside what-ifs.
  public var dropped: [String: [String]] = [:]
  /// The assumptions the sorts carry, the paper's outside what-ifs:
  /// - the range of behavior scores (`beb whatif --behavior-range`): the kernel's bounds on a
  ///   behavior and the worlds' scores follow it;
  /// - whether laws may lose mass (`--sub-probability`): the kernel then knows no law of
  ///   total mass 1, and the worlds' models may lose mass;
  /// - what a conditional after an impossible prefix is (`--undefined-conditionals`): the
  ///   kernel is unchanged (no rule gives that law a value; only axiom schemas may, and they
  ///   are run on the edited worlds), and on worlds it is the model's continuation;
  /// - the range of a `Prob` variable (`--prob-range`): the kernel's bounds on one and the
  ///   values worlds give and try for one follow it.
  public var assumptions = Assumptions.paper
  /// The files loaded because a file imports a library (`import "beb/paper"`), not named by
  /// the user: their results are checked as far as the user's results rest on them, and not
  /// reported unless asked for (`--only`).
  public var imported: Set<String> = []

  /// The results and definitions of the user's own files (all of them when nothing is
  /// imported).
  public var ownEntries: [Entry] { entries.filter { !imported.contains($0.path) } }

  public init(files: [String], entries: [Entry], findings: [FindingDecl], global: GlobalContext) {
    self.files = files
    self.entries = entries
    self.findings = findings
    self.global = global
  }

  public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }

  /// The definitions as the kernel and the worlds see them.
  public var kernelDefinitions: [DefinitionStatement] {
    entries.filter { $0.kind == .definition }.map {
      DefinitionStatement(id: $0.id, parameters: $0.parameters, body: $0.formula)
    }
  }
}

/// The diagnostics that stopped a development from loading, sorted by file and position.
public struct LoadFailure: Error, Sendable {
  public let diagnostics: [Diagnostic]
}

/// Loads and elaborates a development, collecting every diagnostic it can (the first one per
/// file for syntax errors, one per item for elaboration errors).
public enum Loader {
  public static func load(paths: [String]) -> Result<Development, LoadFailure> {
    var diagnostics: [Diagnostic] = []
    var files: [SourceFile] = []
    for path in paths {
      switch discover(path) {
      case .success(let found): files += found
      case .failure(let diagnostic): diagnostics.append(diagnostic)
      }
    }
    if diagnostics.isEmpty && files.isEmpty {
      diagnostics.append(
        Diagnostic(fileProblem: paths.joined(separator: " "), "no .beb files found"))
    }
    return load(sources: files, diagnostics: diagnostics)
  }

  /// Loads files given as text (tests use this directly). A file whose path is in `edited`
  /// is not parsed: that tree stands for it (an assumption edit's, see WhatIf), and its
  /// spans point into the file.
  public static func load(
    sources: [SourceFile], diagnostics: [Diagnostic] = [], edited: [String: SourceTree] = [:],
    library: @autoclosure () -> String? = Library.root()
  ) -> Result<Development, LoadFailure> {
    var diagnostics = diagnostics
    var trees: [(SourceFile, SourceTree)] = []
    for (file, parsed) in zip(sources, parseAll(sources, edited: edited)) {
      switch parsed {
      case .success(let tree): trees.append((file, tree))
      case .failure(let error): diagnostics.append(error.diagnostic(in: file))
      }
    }
    let imported = imports(of: trees, library: library, diagnostics: &diagnostics)
    for (file, parsed) in zip(imported, parseAll(imported, edited: [:])) {
      switch parsed {
      case .success(let tree): trees.append((file, tree))
      case .failure(let error): diagnostics.append(error.diagnostic(in: file))
      }
    }
    var development = elaborate(
      trees, files: (sources + imported).map(\.path), diagnostics: &diagnostics)
    guard diagnostics.isEmpty else {
      return .failure(LoadFailure(diagnostics: diagnostics.sorted(by: Diagnostic.precedes)))
    }
    development.imported = Set(imported.map(\.path))
    return .success(development)
  }

  /// The trees of files parsed before in this process, by path and contents: an assumption
  /// edit loads the development again with one file changed, and the others are not parsed
  /// twice. A tree is a function of the bytes, so a kept tree is the tree parsing would give.
  private static let parsed = Mutex<[String: (bytes: [UInt8], tree: SourceTree)]>([:])

  /// Each file's tree (the edited one where `edited` has it), parsed on every core: files
  /// are parsed independently, and the trees are collected by index, so the result and the
  /// order of the diagnostics do not depend on which file finished first.
  static func parseAll(_ files: [SourceFile], edited: [String: SourceTree])
    -> [Result<SourceTree, LocatedSyntaxError>]
  {
    let trees = Mutex([Result<SourceTree, LocatedSyntaxError>?](repeating: nil, count: files.count))
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      let tree: Result<SourceTree, LocatedSyntaxError>
      if let known = edited[file.path] {
        tree = .success(known)
      } else {
        do throws(LocatedSyntaxError) {
          tree = .success(try parse(file))
        } catch {
          tree = .failure(error)
        }
      }
      trees.withLock { $0[index] = tree }
    }
    return trees.withLock { $0 }.map { $0! }
  }

  static func parse(_ file: SourceFile) throws(LocatedSyntaxError) -> SourceTree {
    if let known = parsed.withLock({ $0[file.path] }), known.bytes == file.bytes {
      return known.tree
    }
    let tree = try Parser.parse(file)
    parsed.withLock { table in
      if table.count >= 4096 { table.removeAll() }
      table[file.path] = (file.bytes, tree)
    }
    return tree
  }

  /// The files of the libraries that `trees` import, except those already loaded (the same
  /// file named on the command line), each once; an unknown library, or a library that
  /// cannot be found, is an error at the import.
  static func imports(
    of trees: [(SourceFile, SourceTree)], library: () -> String?, diagnostics: inout [Diagnostic]
  ) -> [SourceFile] {
    // The library is looked for only when a file imports it.
    guard trees.contains(where: { !$0.1.imports.isEmpty }) else { return [] }
    let library = library()
    func canonical(_ path: String) -> String {
      URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
    var loaded = Set(trees.map { canonical($0.0.path) })
    var files: [SourceFile] = []
    for (file, tree) in trees {
      for name in tree.imports {
        guard let root = library else {
          diagnostics.append(
            Diagnostic(
              in: file, at: name.span,
              Library.notFound()))
          continue
        }
        guard let paths = Library.files(name.text, root: root) else {
          let hint = ElaborationError.suggestion(for: name.text, among: Library.names).map {
            "; did you mean '\($0)'?"
          }
          diagnostics.append(
            Diagnostic(
              in: file, at: name.span,
              "unknown library '\(name.text)'"
                + (hint ?? " (the libraries are " + Library.names.joined(separator: " and ") + ")"))
          )
          continue
        }
        for path in paths where !loaded.contains(canonical(path)) {
          loaded.insert(canonical(path))
          guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(Diagnostic(fileProblem: path, "cannot read file"))
            continue
          }
          files.append(SourceFile(path: path, bytes: [UInt8](data)))
        }
      }
    }
    return files
  }

  // MARK: Files

  /// The `.beb` files at `path`: the file itself, or every `.beb` file below a folder, sorted.
  public static func discover(_ path: String) -> Result<[SourceFile], Diagnostic> {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return .failure(Diagnostic(fileProblem: path, "no such file or directory"))
    }
    var paths = [path]
    if isDirectory.boolValue {
      guard let enumerator = FileManager.default.enumerator(atPath: path) else {
        return .failure(Diagnostic(fileProblem: path, "cannot read folder"))
      }
      let base = path.hasSuffix("/") ? path : path + "/"
      paths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".beb") }.sorted()
        .map { base + $0 }
    }
    var files: [SourceFile] = []
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else {
        return .failure(Diagnostic(fileProblem: path, "cannot read file"))
      }
      files.append(SourceFile(path: path, bytes: [UInt8](data)))
    }
    return .success(files)
  }

  // MARK: Elaboration

  private static func elaborate(
    _ trees: [(SourceFile, SourceTree)], files: [String], diagnostics: inout [Diagnostic]
  ) -> Development {
    // Pass 1: ids, their places, and the signatures of definitions.
    var global = GlobalContext()
    var places: [String: String] = [:]
    // The declaration that owns each id: its file and offset (later duplicates are dropped).
    var owners: [String: String] = [:]
    func owns(_ id: Name, _ file: SourceFile) -> Bool {
      owners[id.text] == "\(file.path)#\(id.span.start)"
    }
    var proofs: [String: ProofDecl] = [:]
    var proofFiles: [String: SourceFile] = [:]
    var findings: [FindingDecl] = []
    func claim(_ id: Name, in file: SourceFile) -> Bool {
      let (line, column) = file.location(of: id.span.start)
      if let previous = places[id.text] {
        let error = ElaborationError.duplicateID(id.text, previous: previous)
        diagnostics.append(Diagnostic(in: file, at: id.span, error.message))
        return false
      }
      places[id.text] = "\(file.path):\(line):\(column)"
      owners[id.text] = "\(file.path)#\(id.span.start)"
      return true
    }
    for (file, tree) in trees {
      for item in tree.items {
        switch item {
        case .definition(let definition):
          guard claim(definition.id, in: file) else { continue }
          do {
            var sorts: [Sort] = []
            for parameter in definition.parameters {
              let sort = try Elaborator(global: global).sortNamed(parameter.sort)
              sorts += Array(repeating: sort, count: parameter.names.count)
            }
            global.definitions[definition.id.text] = sorts
          } catch {
            diagnostics.append(Diagnostic(in: file, at: error.span, error.error.message))
          }
        case .result(let result):
          if claim(result.id, in: file) { global.results[result.id.text] = result.kind }
        case .finding(let finding):
          if claim(finding.id, in: file) { findings.append(finding) }
        case .proof:
          break
        }
      }
    }
    for (file, tree) in trees {
      for case .proof(let proof) in tree.items {
        do {
          try attach(proof, global: global, proofs: &proofs)
          proofFiles[proof.id.text] = file
        } catch {
          diagnostics.append(Diagnostic(in: file, at: error.span, error.error.message))
        }
      }
    }
    // Pass 2: bodies, proofs and findings.
    var entries: [Entry] = []
    var uses: [String: [String]] = [:]
    for (file, tree) in trees {
      func report(_ error: LocatedElaborationError) {
        diagnostics.append(Diagnostic(in: file, at: error.span, error.error.message))
      }
      for item in tree.items {
        do throws(LocatedElaborationError) {
          switch item {
          case .definition(let definition):
            guard owns(definition.id, file), global.definitions[definition.id.text] != nil
            else { continue }
            var elaborator = Elaborator(global: global)
            let parameters = try elaborator.declare(definition.parameters)
            let body = try elaborator.formula(definition.body)
            var applied = body.predicateNames
            if applied.contains(definition.id.text) {
              guard Development.isRecursion(on: parameters, definition.id.text, body) else {
                throw LocatedElaborationError(
                  .unguardedRecursion(definition.id.text), definition.id.span)
              }
              applied.remove(definition.id.text)
            }
            uses[definition.id.text] = applied.sorted()
            entries.append(
              Entry(
                kind: .definition, id: definition.id.text, title: definition.title,
                path: file.path, line: file.location(of: definition.span.start).line,
                variantOf: nil, parameters: parameters, hypotheses: [], statement: definition.body,
                formula: body, proof: nil, declaration: nil, file: file))
          case .result(let result):
            guard owns(result.id, file) else { continue }
            var entry = try elaborate(
              result, in: file, global: global, proof: proofs[result.id.text])
            entry.proofFile = proofFiles[result.id.text]
            entries.append(entry)
          case .proof:
            break
          case .finding(let finding):
            guard global.results[finding.result.text] != nil else {
              throw LocatedElaborationError(
                unknown(finding.result.text, global), finding.result.span)
            }
          }
        } catch {
          report(error)
        }
      }
    }
    for cycle in cycles(uses) {
      let id = cycle[0]
      guard let entry = entries.first(where: { $0.id == id }),
        let (file, tree) = trees.first(where: { $0.0.path == entry.path }),
        case .definition(let definition)? = tree.items.first(where: {
          if case .definition(let d) = $0 { return d.id.text == id } else { return false }
        })
      else { continue }
      let error = ElaborationError.circularDefinition(cycle + [id])
      diagnostics.append(Diagnostic(in: file, at: definition.id.span, error.message))
    }
    return Development(
      files: files, entries: entries.sorted { naturalOrder($0.id, $1.id) },
      findings: findings.sorted { naturalOrder($0.id.text, $1.id.text) }, global: global)
  }

  private static func elaborate(
    _ result: ResultDecl, in file: SourceFile, global: GlobalContext, proof: ProofDecl?
  ) throws(LocatedElaborationError) -> Entry {
    var elaborator = Elaborator(global: global)
    if let base = result.variantOf, global.results[base.text] == nil {
      throw LocatedElaborationError(unknown(base.text, global), base.span)
    }
    var parameters: [Variable] = []
    var hypotheses: [Hypothesis] = []
    var names: Set<String> = []
    var conclusion: (Expr, Formula)?
    for clause in result.clauses {
      switch clause {
      case .given(let params):
        for name in params.flatMap(\.names) where names.contains(name.text) {
          throw LocatedElaborationError(.duplicateName(name.text), name.span)
        }
        parameters += try elaborator.declare(params)
      case .let(let name, let value):
        if names.contains(name.text) {
          throw LocatedElaborationError(.duplicateName(name.text), name.span)
        }
        try elaborator.abbreviate(name, value)
      case .assume(let name, let formula):
        // Hypotheses share one namespace with the variables: a citation must be unambiguous.
        guard names.insert(name.text).inserted, elaborator.scope[name.text] == nil else {
          throw LocatedElaborationError(.duplicateName(name.text), name.span)
        }
        hypotheses.append(
          Hypothesis(name: name.text, source: formula, formula: try elaborator.formula(formula)))
      case .show(_, let formula):
        conclusion = (formula, try elaborator.formula(formula))
      }
    }
    guard let (statement, formula) = conclusion else {
      // The parser guarantees a `show` clause.
      throw LocatedElaborationError(.unsupported("result without conclusion"), result.id.span)
    }
    return Entry(
      kind: EntryKind(result.kind), id: result.id.text, title: result.title, path: file.path,
      line: file.location(of: result.span.start).line, variantOf: result.variantOf?.text,
      parameters: parameters, hypotheses: hypotheses, statement: statement, formula: formula,
      proof: proof, declaration: result, file: file)
  }

  private static func attach(
    _ proof: ProofDecl, global: GlobalContext, proofs: inout [String: ProofDecl]
  ) throws(LocatedElaborationError) {
    let id = proof.id.text
    guard global.results[id] != nil else {
      if global.definitions[id] != nil {
        throw LocatedElaborationError(
          .unsupported("a definition has no proof; '\(id)' is a definition"), proof.id.span)
      }
      throw LocatedElaborationError(unknown(id, global), proof.id.span)
    }
    guard proofs[id] == nil else {
      throw LocatedElaborationError(.duplicateProof(id), proof.id.span)
    }
    proofs[id] = proof
  }

  private static func unknown(_ id: String, _ global: GlobalContext) -> ElaborationError {
    let known = (Array(global.results.keys) + Array(global.definitions.keys)).sorted()
    return .unknownResult(id, suggestion: ElaborationError.suggestion(for: id, among: known))
  }

  /// One cycle for each group of definitions that use each other (each strongly connected
  /// component with a cycle): the shortest cycle through the group's least id. Linear in the
  /// size of the graph, and iterative, so no input can make it slow or exhaust the stack.
  static func cycles(_ uses: [String: [String]]) -> [[String]] {
    let nodes = uses.keys.sorted()
    let edges = uses.mapValues { $0.filter { uses[$0] != nil } }
    // Kosaraju: order by finishing time, then collect components on the reversed graph.
    var visited: Set<String> = []
    var order: [String] = []
    for root in nodes where !visited.contains(root) {
      var stack: [(String, Int)] = [(root, 0)]
      visited.insert(root)
      while let (node, next) = stack.popLast() {
        let successors = edges[node] ?? []
        if next < successors.count {
          stack.append((node, next + 1))
          let successor = successors[next]
          if visited.insert(successor).inserted { stack.append((successor, 0)) }
        } else {
          order.append(node)
        }
      }
    }
    var reversed: [String: [String]] = [:]
    for (node, successors) in edges {
      for s in successors { reversed[s, default: []].append(node) }
    }
    var component: [String: Int] = [:]
    var groups: [[String]] = []
    for root in order.reversed() where component[root] == nil {
      var members: [String] = []
      var stack = [root]
      component[root] = groups.count
      while let node = stack.popLast() {
        members.append(node)
        for predecessor in reversed[node] ?? [] where component[predecessor] == nil {
          component[predecessor] = groups.count
          stack.append(predecessor)
        }
      }
      groups.append(members)
    }
    var found: [[String]] = []
    for (index, members) in groups.enumerated() {
      let start = members.min()!
      guard members.count > 1 || (edges[start] ?? []).contains(start) else { continue }
      // Shortest path from start back to start inside the component (breadth first).
      var parent: [String: String] = [:]
      var queue = [start]
      var head = 0
      var last: String?
      search: while head < queue.count {
        let node = queue[head]
        head += 1
        for successor in (edges[node] ?? []).sorted() where component[successor] == index {
          if successor == start {
            last = node
            break search
          }
          if parent[successor] == nil {
            parent[successor] = node
            queue.append(successor)
          }
        }
      }
      var cycle: [String] = []
      var node = last
      while let current = node, current != start {
        cycle.append(current)
        node = parent[current]
      }
      found.append([start] + cycle.reversed())
    }
    return found.sorted { $0[0] < $1[0] }
  }

  /// Orders ids with their numbers compared as numbers: `def-2.9` < `def-2.10`.
  public static func naturalOrder(_ a: String, _ b: String) -> Bool {
    let (u, v) = (Array(a.utf8), Array(b.utf8))
    guard u.allSatisfy({ $0 < 0x80 }), v.allSatisfy({ $0 < 0x80 }) else {
      return naturalOrderByCharacters(a, b)
    }
    // ASCII (every id of the development): the same order on bytes, without breaking the
    // strings into characters — an ASCII string compares as its bytes. Sorting ids this way
    // was an eighth of loading a small development.
    func chunks(_ s: [UInt8]) -> [(digit: Bool, range: Range<Int>)] {
      var out: [(digit: Bool, range: Range<Int>)] = []
      for (i, byte) in s.enumerated() {
        let digit = byte >= 0x30 && byte <= 0x39
        if let last = out.last, last.digit == digit {
          out[out.count - 1].range = last.range.lowerBound..<(i + 1)
        } else {
          out.append((digit, i..<(i + 1)))
        }
      }
      return out
    }
    let (x, y) = (chunks(u), chunks(v))
    for (p, q) in zip(x, y) {
      let (c, d) = (u[p.range], v[q.range])
      if c.elementsEqual(d) { continue }
      if p.digit && q.digit {
        let (m, n) = (c.drop { $0 == 0x30 }, d.drop { $0 == 0x30 })
        if m.count != n.count { return m.count < n.count }
        if !m.elementsEqual(n) { return m.lexicographicallyPrecedes(n) }
      }
      return c.lexicographicallyPrecedes(d)
    }
    return x.count != y.count ? x.count < y.count : u.lexicographicallyPrecedes(v)
  }

  /// `naturalOrder` on characters: the definition, used for ids that are not ASCII.
  static func naturalOrderByCharacters(_ a: String, _ b: String) -> Bool {
    func chunks(_ s: String) -> [(Bool, String)] {
      var out: [(Bool, String)] = []
      for c in s {
        let digit = c.isASCII && c.isNumber
        if let last = out.last, last.0 == digit {
          out[out.count - 1].1.append(c)
        } else {
          out.append((digit, String(c)))
        }
      }
      return out
    }
    let x = chunks(a)
    let y = chunks(b)
    for (p, q) in zip(x, y) where p.1 != q.1 {
      if p.0 && q.0 {
        let (m, n) = (p.1.drop { $0 == "0" }, q.1.drop { $0 == "0" })
        if m.count != n.count { return m.count < n.count }
        if m != n { return m < n }
      }
      return p.1 < q.1
    }
    return x.count != y.count ? x.count < y.count : a < b
  }
}

extension Formula {
  /// The ids of the definitions this formula applies (inside events of terms too).
  public var predicateNames: Set<String> { Set(applications.map(\.id)) }
}

extension Development {
  /// The kernel's registry of the development's results: every lemma, theorem and axiom
  /// schema declared with its statement (axiom schemas as assumed). Proofs cite through it.
  public var registry: Registry {
    var registry = Registry()
    for entry in entries where entry.kind != .definition {
      // Ids are unique (the loader refuses a second declaration), so nothing is refused here.
      try? registry.declare(entry.kernelStatement, assumed: entry.kind == .axiom)
    }
    return registry
  }
}
