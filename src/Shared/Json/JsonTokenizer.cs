// Shared by the runtime (net10.0) and the generator (netstandard2.0): the generator runs inside the compiler and
// must not bring a JSON library whose version could clash with the compiler's own, so this is a small reader of ours.
using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace StaticNet.Interop;

/// <summary>The tokens <see cref="JsonTokenizer"/> returns.</summary>
internal enum JsonToken
{
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    PropertyName,
    String,
    Number,
    True,
    False,
    Null,

    /// <summary>The end of the text after the one root value.</summary>
    End,
}

/// <summary>
/// Reads JSON text (RFC 8259) token by token from a <see cref="TextReader"/>, checking the grammar as it goes and
/// remembering where each token starts, so that a caller can validate and keep what it needs in one pass: memory
/// stays at a small buffer plus the current string or number, whatever the size of the text. Beyond the standard it
/// accepts the tokens <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, because Python's <c>json.dump</c> writes them
/// for non-finite floats: reading them lets the caller say "the value at line 3 is NaN" rather than report a syntax
/// error the user cannot explain.
/// </summary>
internal sealed class JsonTokenizer
{
    // Weight files nest three deep; the limit only keeps hostile input from nesting without end.
    private const int MaxDepth = 64;

    private enum State
    {
        Root,
        AfterRoot,
        ArrayFirst,
        ArrayNext,
        ObjectFirst,
        ObjectNext,
        ObjectValue,
    }

    // Every integer up to 2^53 is a double, and so is every power of ten up to 10^22.
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[4096];
    private readonly bool[] _isObject = new bool[MaxDepth];
    private char[] _scratch = new char[64];
    private int _scratchLength;
    private int _index;
    private int _length;
    private bool _endOfText;
    private int _line = 1;
    private int _column = 1;
    private int _depth;
    private State _state = State.Root;
    private string? _string;

    /// <summary>Starts reading <paramref name="reader"/>; a leading byte order mark is skipped.</summary>
    public JsonTokenizer(TextReader reader)
    {
        _reader = reader;

        // A byte order mark is not part of the JSON, but editors on Windows write one.
        if (Ensure(1) && _buffer[_index] == '\uFEFF')
        {
            _index++;
        }
    }

    /// <summary>The 1-based line of the last token's first character.</summary>
    public int TokenLine { get; private set; }

    /// <summary>The 1-based column of the last token's first character, in UTF-16 code units.</summary>
    public int TokenColumn { get; private set; }

    /// <summary>The decoded text of the last <see cref="JsonToken.String"/> or <see cref="JsonToken.PropertyName"/>.</summary>
    public string StringValue => _string!;

    /// <summary>The last <see cref="JsonToken.Number"/>, correctly rounded to double (NaN and ±∞ when the text spells them).</summary>
    public double NumberValue { get; private set; }

    /// <summary>Whether the last number was spelled <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c> rather than in digits.</summary>
    public bool NumberIsWord { get; private set; }

    /// <summary>The last number as written, for messages.</summary>
    public string NumberText => new(_scratch, 0, _scratchLength);

    /// <summary>The position of the last token as messages show it, e.g. <c>line 3, column 14</c>.</summary>
    public string TokenPosition => JsonFormatException.FormatPosition(TokenLine, TokenColumn);

    /// <summary>Reads the next token.</summary>
    /// <exception cref="JsonFormatException">The text is not valid JSON here; the exception says where.</exception>
    public JsonToken Next()
    {
        SkipWhitespace();
        switch (_state)
        {
            case State.Root:
                return ReadValue();
            case State.AfterRoot:
                if (!Ensure(1))
                {
                    MarkToken();
                    return JsonToken.End;
                }

                throw Error("unexpected " + DescribeCurrent() + " after the end of the JSON value");
            case State.ArrayFirst:
                return TryEnd(']') ? JsonToken.EndArray : ReadValue();
            case State.ArrayNext:
                if (TryEnd(']'))
                {
                    return JsonToken.EndArray;
                }

                Expect(',', "',' or ']' after an array item");
                SkipWhitespace();
                return ReadValue();
            case State.ObjectFirst:
                return TryEnd('}') ? JsonToken.EndObject : ReadName();
            case State.ObjectNext:
                if (TryEnd('}'))
                {
                    return JsonToken.EndObject;
                }

                Expect(',', "',' or '}' after an object member");
                SkipWhitespace();
                return ReadName();
            default:
                return ReadValue();
        }
    }

    /// <summary>A description of a token for messages, e.g. "a string".</summary>
    public static string Describe(JsonToken token) => token switch
    {
        JsonToken.StartObject => "an object",
        JsonToken.StartArray => "an array",
        JsonToken.String => "a string",
        JsonToken.Number => "a number",
        JsonToken.True or JsonToken.False => "a boolean",
        _ => "null",
    };

    private bool TryEnd(char close)
    {
        if (!Ensure(1) || _buffer[_index] != close)
        {
            return false;
        }

        MarkToken();
        Advance();
        _depth--;
        AfterValue();
        return true;
    }

    private JsonToken ReadName()
    {
        if (!Ensure(1) || _buffer[_index] != '"')
        {
            throw Error("expected a property name in double quotes but found " + DescribeCurrent());
        }

        MarkToken();
        _string = ReadString();
        SkipWhitespace();
        Expect(':', "':' after the property name");
        _state = State.ObjectValue;
        return JsonToken.PropertyName;
    }

    private JsonToken ReadValue()
    {
        if (!Ensure(1))
        {
            throw Error("the text ends where a value was expected");
        }

        MarkToken();
        char c = _buffer[_index];
        switch (c)
        {
            case '{':
            case '[':
                if (_depth == MaxDepth)
                {
                    throw Error("the JSON nests more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
                }

                Advance();
                _isObject[_depth++] = c == '{';
                _state = c == '{' ? State.ObjectFirst : State.ArrayFirst;
                return c == '{' ? JsonToken.StartObject : JsonToken.StartArray;
            case '"':
                _string = ReadString();
                AfterValue();
                return JsonToken.String;
            case 't':
                return ReadLiteral("true", JsonToken.True);
            case 'f':
                return ReadLiteral("false", JsonToken.False);
            case 'n':
                return ReadLiteral("null", JsonToken.Null);
            default:
                if (c == '-' || c == 'N' || c == 'I' || IsDigit(c))
                {
                    ReadNumber();
                    AfterValue();
                    return JsonToken.Number;
                }

                throw Error("unexpected " + DescribeCurrent() + " where a value was expected");
        }
    }

    private void AfterValue() =>
        _state = _depth == 0 ? State.AfterRoot : _isObject[_depth - 1] ? State.ObjectNext : State.ArrayNext;

    private JsonToken ReadLiteral(string word, JsonToken token)
    {
        if (!TryConsumeWord(word))
        {
            throw Error("unexpected " + DescribeCurrent() + " where a value was expected");
        }

        AfterValue();
        return token;
    }

    private string ReadString()
    {
        Advance(); // the opening quote
        var builder = new StringBuilder();
        while (true)
        {
            if (!Ensure(1))
            {
                throw Error("the text ends inside a string");
            }

            char c = _buffer[_index];
            if (c == '"')
            {
                Advance();
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error("a control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ") must be escaped inside a string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                Advance();
                continue;
            }

            if (!Ensure(2))
            {
                throw Error("the text ends inside a string");
            }

            char escape = _buffer[_index + 1];
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
                    if (!Ensure(6) || !TryParseHex(_index + 2, out int code))
                    {
                        throw Error("\\u must be followed by four hexadecimal digits");
                    }

                    builder.Append((char)code);
                    Advance();
                    Advance();
                    Advance();
                    Advance();
                    break;
                default:
                    throw Error("'\\" + escape + "' is not a JSON escape sequence");
            }

            Advance();
            Advance();
        }
    }

    private bool TryParseHex(int start, out int code)
    {
        code = 0;
        for (int i = start; i < start + 4; i++)
        {
            char c = _buffer[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return false;
            }

            code = (code << 4) | digit;
        }

        return true;
    }

    private void ReadNumber()
    {
        _scratchLength = 0;
        NumberIsWord = false;
        bool negative = TryTake('-');
        if (Ensure(1) && (_buffer[_index] == 'N' || _buffer[_index] == 'I'))
        {
            if (!negative && TryConsumeWord("NaN"))
            {
                SetScratch("NaN");
                NumberIsWord = true;
                NumberValue = double.NaN;
                return;
            }

            if (TryConsumeWord("Infinity"))
            {
                SetScratch(negative ? "-Infinity" : "Infinity");
                NumberIsWord = true;
                NumberValue = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return;
            }
        }

        // RFC 8259: int = "0" / digit1-9 *DIGIT; then an optional fraction and exponent, each with at least one digit.
        // The digits are also gathered into a mantissa and a power of ten for the fast path below.
        ulong mantissa = 0;
        int scale = 0;
        bool exact = true;
        if (TryTake('0'))
        {
            if (Ensure(1) && IsDigit(_buffer[_index]))
            {
                throw Error("a number may not have leading zeros");
            }
        }
        else if (TakeDigits(ref mantissa, ref exact) == 0)
        {
            throw Error("expected a digit but found " + DescribeCurrent());
        }

        if (TryTake('.'))
        {
            int fraction = TakeDigits(ref mantissa, ref exact);
            if (fraction == 0)
            {
                throw Error("expected a digit after the decimal point but found " + DescribeCurrent());
            }

            scale -= fraction;
        }

        if (TryTake('e') || TryTake('E'))
        {
            bool negativeExponent = false;
            if (!TryTake('+'))
            {
                negativeExponent = TryTake('-');
            }

            ulong exponent = 0;
            bool exponentExact = true;
            if (TakeDigits(ref exponent, ref exponentExact) == 0)
            {
                throw Error("expected a digit in the exponent but found " + DescribeCurrent());
            }

            exact &= exponentExact && exponent <= 1_000;
            scale += negativeExponent ? -(int)Math.Min(exponent, 1_000) : (int)Math.Min(exponent, 1_000);
        }

        // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are both exact doubles, so one
        // multiplication or division rounds correctly, as double.Parse would. Anything else goes to double.Parse,
        // which the grammar above admits; values beyond double's range become ±∞, which the caller reports.
        if (exact && scale >= -22 && scale <= 22)
        {
            double value = scale >= 0 ? mantissa * PowersOfTen[scale] : mantissa / PowersOfTen[-scale];
            NumberValue = negative ? -value : value;
            return;
        }

#if NET
        NumberValue = double.Parse(new System.ReadOnlySpan<char>(_scratch, 0, _scratchLength), NumberStyles.Float, CultureInfo.InvariantCulture);
#else
        NumberValue = double.Parse(NumberText, NumberStyles.Float, CultureInfo.InvariantCulture);
#endif
    }

    private void SetScratch(string text)
    {
        text.CopyTo(0, _scratch, 0, text.Length);
        _scratchLength = text.Length;
    }

    // Consumes c into the number's text if it is next.
    private bool TryTake(char c)
    {
        if (!Ensure(1) || _buffer[_index] != c)
        {
            return false;
        }

        if (_scratchLength == _scratch.Length)
        {
            var larger = new char[2 * _scratch.Length];
            System.Array.Copy(_scratch, larger, _scratchLength);
            _scratch = larger;
        }

        _scratch[_scratchLength++] = c;
        Advance();
        return true;
    }

    // Consumes digits into the number's text and into value; exact turns false once value would pass 2^53.
    private int TakeDigits(ref ulong value, ref bool exact)
    {
        int count = 0;
        while (Ensure(1) && IsDigit(_buffer[_index]))
        {
            int digit = _buffer[_index] - '0';
            if (value > (MaxExactMantissa - 9) / 10)
            {
                exact = false;
            }
            else
            {
                value = (value * 10) + (ulong)digit;
            }

            TryTake(_buffer[_index]);
            count++;
        }

        return count;
    }

    private bool TryConsumeWord(string word)
    {
        if (!Ensure(word.Length))
        {
            return false;
        }

        for (int i = 0; i < word.Length; i++)
        {
            if (_buffer[_index + i] != word[i])
            {
                return false;
            }
        }

        for (int i = 0; i < word.Length; i++)
        {
            Advance();
        }

        return true;
    }

    private void Expect(char c, string what)
    {
        if (!Ensure(1) || _buffer[_index] != c)
        {
            throw Error("expected " + what + " but found " + DescribeCurrent());
        }

        Advance();
    }

    private void SkipWhitespace()
    {
        while (Ensure(1))
        {
            char c = _buffer[_index];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            {
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    // Consumes one character, keeping the line and column of the next.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance()
    {
        if (_buffer[_index++] == '\n')
        {
            _line++;
            _column = 1;
        }
        else if (_column < int.MaxValue)
        {
            _column++;
        }
    }

    private void MarkToken()
    {
        TokenLine = _line;
        TokenColumn = _column;
    }

    // Whether count characters are buffered from the current one on, reading more if needed (count <= 8).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Ensure(int count) => _length - _index >= count || Refill(count);

    // Moves the unread characters to the front of the buffer and reads more, until count are there or the text ends.
    private bool Refill(int count)
    {
        if (_endOfText)
        {
            return false;
        }

        int kept = _length - _index;
        System.Array.Copy(_buffer, _index, _buffer, 0, kept);
        _index = 0;
        _length = kept;
        while (_length < count)
        {
            int read = _reader.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _endOfText = true;
                return false;
            }

            _length += read;
        }

        return true;
    }

    private string DescribeCurrent()
    {
        if (!Ensure(1))
        {
            return "the end of the text";
        }

        char c = _buffer[_index];
        return c < ' ' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : "'" + c + "'";
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private JsonFormatException Error(string problem) => new(problem, _line, _column);
}
