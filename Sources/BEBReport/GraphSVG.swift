import BEBCheck

/// The citation graph as inline SVG (no namespace attribute: HTML5 parses `<svg>` itself):
/// one box per result coloured by status and linking to its section, an edge from each result
/// to each result it cites, and a legend of the statuses.
enum GraphSVG {
  static func svg(_ layout: GraphLayout, status: [String: Status]) -> String {
    let legendHeight = 22.0 * Double((StatusStyle.order.count + 3) / 4) + 8
    let width = max(layout.width, 760)
    let height = layout.height + legendHeight
    let c = Decimal.coordinate
    var out =
      "<svg class=\"graph\" role=\"img\" aria-label=\"dependency graph\" width=\"\(c(width))\" "
      + "height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\">\n"
    out += "<g fill=\"none\" stroke=\"#90a4ae\" stroke-opacity=\"0.6\" stroke-width=\"1\">\n"
    for edge in layout.edges {
      let from = layout.nodes[edge.from]
      let to = layout.nodes[edge.to]
      // From the left side of the citing box to the right side of the cited box.
      let x1 = from.x
      let y1 = from.y + layout.nodeHeight / 2
      let x2 = to.x + layout.nodeWidth
      let y2 = to.y + layout.nodeHeight / 2
      let bend = max(20, (x1 - x2) / 2)
      out +=
        "<path d=\"M\(c(x1)),\(c(y1)) C\(c(x1 - bend)),\(c(y1)) \(c(x2 + bend)),\(c(y2)) \(c(x2)),\(c(y2))\"/>\n"
    }
    out += "</g>\n"
    for node in layout.nodes {
      let state = status[node.id] ?? .unchecked
      let id = Escape.html(node.id)
      out +=
        "<a href=\"#\(Escape.html(Escape.anchor(node.id)))\"><title>\(id): \(state.rawValue)</title>"
        + "<rect x=\"\(c(node.x))\" y=\"\(c(node.y))\" width=\"\(c(layout.nodeWidth))\" "
        + "height=\"\(c(layout.nodeHeight))\" rx=\"4\" fill=\"\(StatusStyle.fill(state))\" "
        + "stroke=\"\(StatusStyle.stroke(state))\"/>"
        + "<text x=\"\(c(node.x + 6))\" y=\"\(c(node.y + 13))\">\(id)</text></a>\n"
    }
    out += legend(top: layout.height + 4)
    return out + "</svg>"
  }

  private static func legend(top: Double) -> String {
    let c = Decimal.coordinate
    var out = "<g class=\"legend\">\n"
    for (index, status) in StatusStyle.order.enumerated() {
      let x = 12 + Double(index % 4) * 185
      let y = top + 22 * Double(index / 4)
      out +=
        "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"14\" height=\"14\" rx=\"3\" "
        + "fill=\"\(StatusStyle.fill(status))\" stroke=\"\(StatusStyle.stroke(status))\"/>"
        + "<text x=\"\(c(x + 20))\" y=\"\(c(y + 11))\">\(status.rawValue)</text>\n"
    }
    return out + "</g>\n"
  }
}
