using System.Text.Json;
using System.Text.Json.Serialization;
using DssApi.Emulator.Models;

namespace DssApi.Emulator.State;

/// <summary>
/// The typed JSON documents the emulator reads and writes: the persisted state, the demo project and the
/// datasets packages bundle. Generated at build time, so it needs no reflection and works trimmed or
/// compiled ahead of time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(EmulatorState))]
[JsonSerializable(typeof(DemoProject))]
[JsonSerializable(typeof(DatasetTable))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
