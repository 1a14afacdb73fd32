using System.Diagnostics;
using System.Text;

namespace AdminPortal.Testing;

/// <summary>Collects a child process's stdout and stderr as it runs, for waits (<see cref="Length"/>) and failure messages.</summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts reading both streams of <paramref name="process"/> (started with both redirected).</summary>
    public static ProcessOutput Of(Process process)
    {
        var output = new ProcessOutput();
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>Everything written so far.</summary>
    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>How many characters were written so far.</summary>
    public long Length
    {
        get
        {
            lock (_text)
            {
                return _text.Length;
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_text)
            {
                _text.AppendLine(line);
            }
        }
    }
}
