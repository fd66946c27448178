import BEBKernel
import Testing

@testable import BEBNumeric

/// The values of bound variables: a lookup finds the variable's latest value, and only a
/// variable of the same name and sort.
struct BindingsTests {
  let x = Variable("x", .text)
  let n = Variable("n", .nat)

  @Test func aLookupFindsTheLatestValue() {
    var env: Bindings = [x: .text([0])]
    #expect(env[x] == .text([0]))
    env[n] = .number(Interval(Rational(2)))
    env[x] = .text([1, 1])
    #expect(env[x] == .text([1, 1]))
    #expect(env[n] == .number(Interval(Rational(2))))
    // Rebinding keeps one entry: the values are those of x and n, in the order first bound.
    #expect(env.values == [.text([1, 1]), .number(Interval(Rational(2)))])
  }

  @Test func aVariableIsItsNameAndSort() {
    let env: Bindings = [x: .text([0])]
    #expect(env[Variable("x", .sentence)] == nil)
    #expect(env[Variable("y", .text)] == nil)
    #expect(env[Variable("x", .text)] == .text([0]))
  }

  @Test func settingNilRemovesTheBinding() {
    var env = Bindings([(x, .text([0])), (n, .number(Interval(Rational(1))))])
    env[x] = nil
    #expect(env[x] == nil)
    #expect(env[n] == .number(Interval(Rational(1))))
    env[n] = nil
    #expect(env.isEmpty)
  }

  @Test func aCopyIsIndependent() {
    let outer: Bindings = [x: .text([0])]
    var inner = outer
    inner[x] = .text([1])
    #expect(outer[x] == .text([0]))
    #expect(inner[x] == .text([1]))
  }

  @Test func aDictionaryGivesEachVariableItsValue() {
    let values: [Variable: Value] = [x: .text([0]), n: .number(Interval(Rational(3)))]
    var env = Bindings(distinct: values)
    #expect(env[x] == .text([0]))
    #expect(env[n] == .number(Interval(Rational(3))))
    #expect(env[Variable("y", .text)] == nil)
    #expect(env.values.count == 2)
    // Rebinding a variable from the dictionary keeps one entry, as for the other forms.
    env[x] = .text([1])
    #expect(env[x] == .text([1]))
    #expect(env.values.count == 2)
    #expect(Bindings(distinct: [:]).isEmpty)
  }

  @Test func aPairGivenTwiceKeepsTheLastValue() {
    let env = Bindings([(x, .text([0])), (x, .text([2]))])
    #expect(env[x] == .text([2]))
    #expect(env.values == [.text([2])])
  }
}
