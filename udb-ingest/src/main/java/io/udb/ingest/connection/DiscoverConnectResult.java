package io.udb.ingest.connection;

import io.udb.api.connector.StreamInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code POST /udb/sources/discover_connect} answers: the new connection and its streams.
 *
 * @param connectionId the stored connection's id
 * @param streams the streams it offers, with inferred schemas
 */
public record DiscoverConnectResult(String connectionId, List<StreamInfo> streams) {
  /** Validates and copies. */
  public DiscoverConnectResult {
    Objects.requireNonNull(connectionId, "connectionId");
    streams = List.copyOf(streams);
  }

  /**
   * The JSON form.
   *
   * @return {@code {connectionId, streams:[{name, columns:[{name,type}], modes, cursorField}]}}
   */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connectionId", connectionId);
    out.put("streams", streams.stream().map(DiscoverConnectResult::streamJson).toList());
    return out;
  }

  /**
   * The JSON form of a stream.
   *
   * @param stream the stream
   * @return {@code {name, columns:[{name,type}], modes, cursorField}}
   */
  public static Map<String, Object> streamJson(StreamInfo stream) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", stream.name());
    out.put(
        "columns",
        stream.columns().stream().map(c -> Map.of("name", c.name(), "type", c.type())).toList());
    out.put("modes", stream.modes().stream().map(Enum::name).sorted().toList());
    out.put("cursorField", stream.cursorField());
    return out;
  }
}
