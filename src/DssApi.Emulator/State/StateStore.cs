using System.Text.Json;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.State;

/// <summary>
/// Serializes access to the state, and persists it after every change when a data directory is set:
/// the file is written to a temporary name, flushed, then renamed over the old one, so a crash at any
/// point leaves either the previous or the new state, never a torn file. A change that cannot be
/// persisted is undone: memory never holds what the disk does not.
/// </summary>
internal sealed class StateStore
{
    private const string FileName = "state.json";

    private readonly Lock _gate = new();
    private readonly string? _dataDirectory;
    private EmulatorState _state;

    /// <summary>The state as last persisted, to return to when a change cannot be persisted.</summary>
    private byte[] _persisted;

    private StateStore(EmulatorState state, string? dataDirectory)
    {
        _state = state;
        _dataDirectory = dataDirectory;
        _persisted = dataDirectory is null ? [] : Serialize(state);
    }

    /// <summary>Loads the persisted state if there is one, else starts from <paramref name="seed"/>.</summary>
    public static StateStore Open(string? dataDirectory, Func<EmulatorState> seed)
    {
        if (dataDirectory is null)
        {
            return new StateStore(seed(), null);
        }

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        return new StateStore(File.Exists(path) ? Load(path) : seed(), dataDirectory);
    }

    private static EmulatorState Load(string path)
    {
        try
        {
            return Deserialize(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Cannot read the emulator state in {path}: {e.Message}", e);
        }
    }

    public T Read<T>(Func<EmulatorState, T> read)
    {
        lock (_gate)
        {
            return read(_state);
        }
    }

    /// <summary>
    /// Runs a change and persists it before returning, so an acknowledged write survives a restart.
    /// Changes must validate before they mutate: a throwing change must leave the state as it was.
    /// When the change cannot be persisted, the state returns to what was persisted last and the
    /// request answers DSS's internal error.
    /// </summary>
    public T Write<T>(Func<EmulatorState, T> change)
    {
        lock (_gate)
        {
            var result = change(_state);
            try
            {
                Persist();
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
            {
                _state = Deserialize(_persisted);
                throw DssError.Internal(failure);
            }

            return result;
        }
    }

    public void Write(Action<EmulatorState> change) => Write(state =>
    {
        change(state);
        return true;
    });

    private void Persist()
    {
        if (_dataDirectory is null)
        {
            return;
        }

        // Serialized first: a state that cannot be serialized never reaches the file.
        var content = Serialize(_state);
        var path = Path.Combine(_dataDirectory, FileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        _persisted = content;
    }

    private static byte[] Serialize(EmulatorState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, EmulatorJsonContext.Default.EmulatorState);

    private static EmulatorState Deserialize(byte[] content) =>
        JsonSerializer.Deserialize(content, EmulatorJsonContext.Default.EmulatorState) ?? throw new JsonException("the document is null");
}
