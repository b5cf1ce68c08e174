// Shared by the runtime (net10.0) and the generator (netstandard2.0): the generator runs inside the compiler and
// must not bring a JSON library whose version could clash with the compiler's own, so this is a small reader of ours.
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNet.Interop;

/// <summary>
/// Parses JSON text (RFC 8259) into <see cref="JsonNode"/>s that remember their line and column. Beyond the
/// standard it accepts the tokens <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, because Python's
/// <c>json.dump</c> writes them for non-finite floats: reading them lets the caller say "the value at line 3 is
/// NaN" rather than report a syntax error the user cannot explain.
/// </summary>
internal sealed class JsonParser
{
    // Weight files nest three deep; the limit only keeps hostile input from exhausting the stack.
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _index;
    private int _line = 1;
    private int _lineStart;

    private JsonParser(string text)
    {
        _text = text;

        // A byte order mark is not part of the JSON, but editors on Windows write one.
        _index = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        _lineStart = _index;
    }

    /// <summary>Parses <paramref name="text"/>, which must hold exactly one JSON value and nothing else but whitespace.</summary>
    /// <exception cref="JsonFormatException">The text is not valid JSON; the exception says where.</exception>
    public static JsonNode Parse(string text)
    {
        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        JsonNode root = parser.ParseValue(depth: 0);
        parser.SkipWhitespace();
        if (parser._index < text.Length)
        {
            throw parser.Error("unexpected " + parser.DescribeCurrent() + " after the end of the JSON value");
        }

        return root;
    }

    private int Column => _index - _lineStart + 1;

    private JsonNode ParseValue(int depth)
    {
        if (_index >= _text.Length)
        {
            throw Error("the text ends where a value was expected");
        }

        char c = _text[_index];
        switch (c)
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
                {
                    int line = _line, column = Column;
                    return JsonNode.String(ParseString(), line, column);
                }

            case 't':
                return ParseLiteral("true", JsonKind.True);
            case 'f':
                return ParseLiteral("false", JsonKind.False);
            case 'n':
                return ParseLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || c == 'N' || c == 'I' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw Error("unexpected " + DescribeCurrent() + " where a value was expected");
        }
    }

    private JsonNode ParseObject(int depth)
    {
        int line = _line, column = Column;
        Enter(depth);
        _index++;
        var members = new List<KeyValuePair<string, JsonNode>>();
        var names = new HashSet<string>();
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return JsonNode.Object(members, line, column);
        }

        while (true)
        {
            SkipWhitespace();
            if (_index >= _text.Length || _text[_index] != '"')
            {
                throw Error("expected a property name in double quotes but found " + DescribeCurrent());
            }

            int keyLine = _line, keyColumn = Column;
            string name = ParseString();

            // Which of two equal keys a Python or JavaScript reader keeps differs; refusing both is the only safe reading.
            if (!names.Add(name))
            {
                throw new JsonFormatException("the key \"" + name + "\" appears more than once in this object", keyLine, keyColumn);
            }

            SkipWhitespace();
            Expect(':', "':' after the property name");
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonNode>(name, ParseValue(depth + 1)));
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return JsonNode.Object(members, line, column);
            }

            Expect(',', "',' or '}' after an object member");
        }
    }

    private JsonNode ParseArray(int depth)
    {
        int line = _line, column = Column;
        Enter(depth);
        _index++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return JsonNode.Array(items, line, column);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (TryConsume(']'))
            {
                return JsonNode.Array(items, line, column);
            }

            Expect(',', "',' or ']' after an array item");
        }
    }

    private string ParseString()
    {
        _index++; // the opening quote
        var builder = new StringBuilder();
        while (true)
        {
            if (_index >= _text.Length)
            {
                throw Error("the text ends inside a string");
            }

            char c = _text[_index];
            if (c == '"')
            {
                _index++;
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error("a control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ") must be escaped inside a string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                _index++;
                continue;
            }

            if (_index + 1 >= _text.Length)
            {
                throw Error("the text ends inside a string");
            }

            char escape = _text[_index + 1];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_index + 6 > _text.Length
                        || !int.TryParse(_text.Substring(_index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("\\u must be followed by four hexadecimal digits");
                    }

                    builder.Append((char)code);
                    _index += 4;
                    break;
                default:
                    throw Error("'\\" + escape + "' is not a JSON escape sequence");
            }

            _index += 2;
        }
    }

    private JsonNode ParseNumber()
    {
        int line = _line, column = Column, start = _index;
        bool negative = TryConsume('-');
        if (!negative && TryConsumeWord("NaN"))
        {
            return JsonNode.NumberNode(double.NaN, "NaN", line, column);
        }

        if (TryConsumeWord("Infinity"))
        {
            return JsonNode.NumberNode(negative ? double.NegativeInfinity : double.PositiveInfinity, negative ? "-Infinity" : "Infinity", line, column);
        }

        // RFC 8259: int = "0" / digit1-9 *DIGIT; then an optional fraction and exponent, each with at least one digit.
        if (TryConsume('0'))
        {
            if (_index < _text.Length && IsDigit(_text[_index]))
            {
                throw Error("a number may not have leading zeros");
            }
        }
        else if (ConsumeDigits() == 0)
        {
            throw Error("expected a digit but found " + DescribeCurrent());
        }

        if (TryConsume('.') && ConsumeDigits() == 0)
        {
            throw Error("expected a digit after the decimal point but found " + DescribeCurrent());
        }

        if (TryConsume('e') || TryConsume('E'))
        {
            if (!TryConsume('+'))
            {
                TryConsume('-');
            }

            if (ConsumeDigits() == 0)
            {
                throw Error("expected a digit in the exponent but found " + DescribeCurrent());
            }
        }

        string text = _text.Substring(start, _index - start);

        // The grammar above admits only what double.Parse reads; values beyond double's range become ±∞, which the
        // caller reports like any other non-finite value.
        double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return JsonNode.NumberNode(value, text, line, column);
    }

    private JsonNode ParseLiteral(string word, JsonKind kind)
    {
        int line = _line, column = Column;
        if (!TryConsumeWord(word))
        {
            throw Error("unexpected " + DescribeCurrent() + " where a value was expected");
        }

        return JsonNode.Literal(kind, line, column);
    }

    private int ConsumeDigits()
    {
        int start = _index;
        while (_index < _text.Length && IsDigit(_text[_index]))
        {
            _index++;
        }

        return _index - start;
    }

    private bool TryConsumeWord(string word)
    {
        if (string.CompareOrdinal(_text, _index, word, 0, word.Length) != 0)
        {
            return false;
        }

        _index += word.Length;
        return true;
    }

    private bool TryConsume(char c)
    {
        if (_index < _text.Length && _text[_index] == c)
        {
            _index++;
            return true;
        }

        return false;
    }

    private void Expect(char c, string what)
    {
        if (!TryConsume(c))
        {
            throw Error("expected " + what + " but found " + DescribeCurrent());
        }
    }

    private void Enter(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw Error("the JSON nests more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
        }
    }

    private void SkipWhitespace()
    {
        while (_index < _text.Length)
        {
            char c = _text[_index];
            if (c == '\n')
            {
                _index++;
                _line++;
                _lineStart = _index;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _index++;
            }
            else
            {
                return;
            }
        }
    }

    private string DescribeCurrent() => _index >= _text.Length
        ? "the end of the text"
        : _text[_index] < ' ' ? "U+" + ((int)_text[_index]).ToString("X4", CultureInfo.InvariantCulture) : "'" + _text[_index] + "'";

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private JsonFormatException Error(string problem) => new(problem, _line, Column);
}
