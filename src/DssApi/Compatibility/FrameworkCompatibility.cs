using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;

namespace DssApi.Compatibility;

/// <summary>Members that net8.0 has and netstandard2.0 lacks, written over what netstandard2.0 has, so
/// the code that calls them is the same on every target.</summary>
internal static class FrameworkCompatibility
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        public static void ThrowIfNullOrEmpty([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (argument.Length == 0)
            {
                throw new ArgumentException("The value cannot be an empty string.", paramName);
            }
        }
    }

    extension(ArgumentOutOfRangeException)
    {
        public static void ThrowIfLessThanOrEqual<T>(T value, T other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
            where T : IComparable<T>
        {
            if (value.CompareTo(other) <= 0)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be greater than {other}.");
            }
        }
    }

    extension(ExceptionDispatchInfo)
    {
        [DoesNotReturn]
        public static void Throw(Exception source)
        {
            ExceptionDispatchInfo.Capture(source).Throw();
            throw source;
        }
    }

    extension(Stopwatch)
    {
        public static TimeSpan GetElapsedTime(long startingTimestamp) =>
            TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - startingTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }

    extension(ValueTask)
    {
        public static ValueTask<T> FromResult<T>(T result) => new(result);
    }

    extension(File)
    {
        public static async Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken)
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(contents).ConfigureAwait(false);
        }

        public static void Move(string sourceFileName, string destFileName, bool overwrite)
        {
            if (overwrite && File.Exists(destFileName))
            {
                File.Delete(destFileName);
            }

            File.Move(sourceFileName, destFileName);
        }
    }

    extension(string)
    {
        public static string Concat(ReadOnlySpan<char> first, string? second) => first.ToString() + second;
    }

    extension(string text)
    {
        public string[] Split(char separator, StringSplitOptions options) => text.Split([separator], options);

        public bool Contains(string value, StringComparison comparison) => text.IndexOf(value, comparison) >= 0;

        /// <summary>Only ordinal: <see cref="string.Replace(string, string)"/> compares ordinally.</summary>
        public string Replace(string oldValue, string? newValue, StringComparison comparison) =>
            comparison == StringComparison.Ordinal
                ? text.Replace(oldValue, newValue)
                : throw new ArgumentException("Only ordinal replacement is available on netstandard2.0.", nameof(comparison));
    }

    extension(Encoding encoding)
    {
        public string GetString(ReadOnlySpan<byte> bytes) => encoding.GetString(bytes.ToArray());
    }

    /// <summary>Not atomic as net8.0's is, so it locks the table: two readers of one response may attach at once.</summary>
    extension<TKey, TValue>(ConditionalWeakTable<TKey, TValue> table)
        where TKey : class
        where TValue : class
    {
        public void AddOrUpdate(TKey key, TValue value)
        {
            lock (table)
            {
                table.Remove(key);
                table.Add(key, value);
            }
        }
    }

    extension(Stream source)
    {
        public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
            source.CopyToAsync(destination, 81920, cancellationToken);
    }
}
