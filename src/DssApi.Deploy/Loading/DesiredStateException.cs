namespace DssApi.Deploy;

/// <summary>One error of a desired-state file: where it is and what is wrong.</summary>
/// <param name="File">The file, as it was named to the loader.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Path">Where in the document, e.g. <c>deployments[0].traffic</c>; empty for the document itself.</param>
/// <param name="Message">What is wrong.</param>
public sealed record DesiredStateError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>The error as compilers print theirs: <c>file(line,column): path: message</c>.</summary>
    public override string ToString() => Path.Length == 0 ? $"{File}({Line},{Column}): {Message}" : $"{File}({Line},{Column}): {Path}: {Message}";
}

/// <summary>A desired-state file that cannot be loaded; <see cref="Errors"/> locates every problem found.</summary>
public sealed class DesiredStateException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public DesiredStateException(IReadOnlyList<DesiredStateError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(error => error.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every error found, in the order of the file.</summary>
    public IReadOnlyList<DesiredStateError> Errors { get; }
}
