import BEBCheck

/// A layered drawing of the citation graph, computed by beb (no external tool): each result
/// sits in the column of its citation depth (0: cites nothing — axioms and unproved results;
/// k: cites something of depth k−1 at most, and one of depth exactly k−1), and the order
/// within columns is improved by barycentre sweeps to reduce crossings. Deterministic: ties are
/// broken by the development's natural order of ids.
public struct GraphLayout: Sendable {
  /// A placed node: its id and the top-left corner of its box.
  public struct Node: Sendable, Equatable {
    public let id: String
    public let layer: Int
    public let x: Double
    public let y: Double
  }

  public let nodes: [Node]
  /// Edges from a result to a result it cites, as indices into `nodes`.
  public let edges: [(from: Int, to: Int)]
  public let nodeWidth: Double
  public let nodeHeight: Double
  public let width: Double
  public let height: Double

  /// Column spacing beyond the node width, row spacing, and the margin around the drawing.
  static let columnGap = 70.0
  static let rowHeight = 26.0
  static let margin = 12.0

  /// Lays out `ids` (results and axioms) with `cites` as edges (citations of ids not in `ids`
  /// are ignored; cycles are broken by treating the back edge as absent).
  public init(ids: [String], cites: [String: [String]]) {
    let members = Set(ids)
    let ordered = ids.sorted(by: Loader.naturalOrder)
    // Depths, iteratively with an explicit stack (the graph may be deep or cyclic).
    var depth: [String: Int] = [:]
    var visiting: Set<String> = []
    for root in ordered where depth[root] == nil {
      var stack: [(String, Int)] = [(root, 0)]
      visiting.insert(root)
      while let (node, next) = stack.popLast() {
        let targets = (cites[node] ?? []).filter { members.contains($0) }
        if next < targets.count {
          stack.append((node, next + 1))
          let target = targets[next]
          // A target being visited closes a cycle: that edge is left out of the depths.
          if depth[target] == nil && !visiting.contains(target) {
            visiting.insert(target)
            stack.append((target, 0))
          }
        } else {
          depth[node] = 1 + (targets.compactMap { depth[$0] }.max() ?? -1)
          visiting.remove(node)
        }
      }
    }
    let layerCount = (depth.values.max() ?? -1) + 1
    var layers: [[String]] = Array(repeating: [], count: layerCount)
    for id in ordered { layers[depth[id] ?? 0].append(id) }
    var citedBy: [String: [String]] = [:]
    for id in ordered {
      for target in cites[id] ?? [] where members.contains(target) {
        citedBy[target, default: []].append(id)
      }
    }
    // Barycentre sweeps: left to right by the positions of cited nodes, then right to left by
    // the positions of citing nodes.
    var position: [String: Double] = [:]
    func number(_ layer: [String]) {
      for (index, id) in layer.enumerated() {
        position[id] = Double(index) - Double(layer.count - 1) / 2
      }
    }
    for layer in layers { number(layer) }
    func reorder(_ layer: [String], by neighbours: (String) -> [String]) -> [String] {
      let keyed = layer.map { id -> (String, Double) in
        let around = neighbours(id).compactMap { position[$0] }
        return (id, around.isEmpty ? position[id] ?? 0 : around.reduce(0, +) / Double(around.count))
      }
      return keyed.sorted {
        $0.1 != $1.1 ? $0.1 < $1.1 : Loader.naturalOrder($0.0, $1.0)
      }.map(\.0)
    }
    for _ in 0..<4 {
      for index in layers.indices.dropFirst() {
        layers[index] = reorder(layers[index]) { (cites[$0] ?? []).filter(members.contains) }
        number(layers[index])
      }
      for index in layers.indices.reversed().dropFirst() {
        layers[index] = reorder(layers[index]) { citedBy[$0] ?? [] }
        number(layers[index])
      }
    }
    let longest = ordered.map(\.count).max() ?? 4
    nodeWidth = Double(max(longest, 6)) * 7.2 + 16
    nodeHeight = 18
    let tallest = layers.map(\.count).max() ?? 0
    var nodes: [Node] = []
    var index: [String: Int] = [:]
    for (layerIndex, layer) in layers.enumerated() {
      let offset = Double(tallest - layer.count) * GraphLayout.rowHeight / 2
      for (row, id) in layer.enumerated() {
        index[id] = nodes.count
        nodes.append(
          Node(
            id: id, layer: layerIndex,
            x: GraphLayout.margin + Double(layerIndex) * (nodeWidth + GraphLayout.columnGap),
            y: GraphLayout.margin + offset + Double(row) * GraphLayout.rowHeight))
      }
    }
    var edges: [(Int, Int)] = []
    for id in ordered {
      guard let from = index[id] else { continue }
      for target in cites[id] ?? [] {
        if let to = index[target] { edges.append((from, to)) }
      }
    }
    self.nodes = nodes
    self.edges = edges
    width =
      2 * GraphLayout.margin + Double(layerCount) * nodeWidth
      + Double(max(0, layerCount - 1)) * GraphLayout.columnGap
    height = 2 * GraphLayout.margin + Double(max(tallest, 1)) * GraphLayout.rowHeight
  }

  /// Pairs of edges that cross (for tests of the ordering heuristic).
  public var crossings: Int {
    var count = 0
    let segments = edges.map { (nodes[$0.from], nodes[$0.to]) }
    for i in segments.indices {
      for j in segments.indices where j > i {
        let (a, b) = segments[i]
        let (c, d) = segments[j]
        guard a.layer == c.layer && b.layer == d.layer else { continue }
        if (a.y - c.y) * (b.y - d.y) < 0 { count += 1 }
      }
    }
    return count
  }
}
