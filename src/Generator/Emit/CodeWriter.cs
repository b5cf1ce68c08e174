using System;
using System.Text;

namespace StaticNet.Generator.Emit;

/// <summary>Writes indented C# with LF line endings, so output is identical on every OS.</summary>
internal sealed class CodeWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _depth; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace; dispose the result to close it.</summary>
    public Block Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Block(this, closingBrace: true);
    }

    /// <summary>Indents the lines written until the result is disposed, without braces (continued expressions).</summary>
    public Block Indent()
    {
        _depth++;
        return new Block(this, closingBrace: false);
    }

    public void Comment(string text) => Line("// " + text);

    /// <summary>Writes an XML doc summary, escaping the text.</summary>
    public void Summary(string text) => Line("/// <summary>" + Escape(text) + "</summary>");

    public void Doc(string xml) => Line("/// " + xml);

    public override string ToString() => _text.ToString();

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    internal readonly struct Block : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly bool _closingBrace;

        public Block(CodeWriter writer, bool closingBrace)
        {
            _writer = writer;
            _closingBrace = closingBrace;
        }

        public void Dispose()
        {
            _writer._depth--;
            if (_closingBrace)
            {
                _writer.Line("}");
            }
        }
    }
}
