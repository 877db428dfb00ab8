package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one load runs: its mode, the upsert key, the reader options of the file format and its
 * limits. Immutable; the {@code with...} methods return copies.
 *
 * <p>In an option map given to {@link TenantLoader#loadFile(String, java.nio.file.Path, String,
 * Map)} the keys {@value #MODE}, {@value #KEYS}, {@value #MAX_ROWS} and {@value #MAX_BYTES} set
 * these fields; every other key is a reader option (see {@link #merge(Map)}).
 *
 * @param mode replace, append or upsert
 * @param keys the key columns of an upsert, empty otherwise
 * @param reader the reader options, e.g. {@code delimiter}, {@code nullstr}, {@code skip}
 * @param maxBytes the largest input accepted, in bytes
 * @param maxRows the most rows one load may read
 */
public record LoadOptions(
    LoadMode mode, List<String> keys, Map<String, String> reader, long maxBytes, long maxRows) {

  /** Option key of {@link #mode()}. */
  public static final String MODE = "mode";

  /** Option key of {@link #keys()}, comma-separated column names. */
  public static final String KEYS = "keys";

  /** Option key of {@link #maxRows()}. */
  public static final String MAX_ROWS = "max-rows";

  /** Option key of {@link #maxBytes()}. */
  public static final String MAX_BYTES = "max-bytes";

  /** Validates and copies. */
  public LoadOptions {
    Objects.requireNonNull(mode, "mode");
    keys = List.copyOf(keys);
    reader = Map.copyOf(reader);
    if (mode == LoadMode.UPSERT && keys.isEmpty()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "An upsert needs its key columns (option 'keys')");
    }
    if (keys.stream().anyMatch(k -> k == null || k.isBlank())) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Key column names must not be blank");
    }
    if (maxBytes <= 0 || maxRows <= 0) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Load limits must be positive");
    }
  }

  /** Replace mode, no reader options, no limits. */
  public static LoadOptions defaults() {
    return new LoadOptions(LoadMode.REPLACE, List.of(), Map.of(), Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * A copy with another mode; upsert needs keys, see {@link #upsert(List)}.
   *
   * @param newMode the mode
   * @return the copy
   */
  public LoadOptions withMode(LoadMode newMode) {
    return new LoadOptions(
        newMode, newMode == LoadMode.UPSERT ? keys : List.of(), reader, maxBytes, maxRows);
  }

  /**
   * A copy in upsert mode with the given key columns.
   *
   * @param keyColumns the columns that identify a row
   * @return the copy
   */
  public LoadOptions upsert(List<String> keyColumns) {
    return new LoadOptions(LoadMode.UPSERT, keyColumns, reader, maxBytes, maxRows);
  }

  /**
   * A copy with one reader option set.
   *
   * @param key the option, e.g. {@code nullstr}
   * @param value its value
   * @return the copy
   */
  public LoadOptions withReaderOption(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(reader);
    copy.put(key, value);
    return new LoadOptions(mode, keys, copy, maxBytes, maxRows);
  }

  /**
   * A copy with the given byte limit.
   *
   * @param limit the largest input accepted
   * @return the copy
   */
  public LoadOptions withMaxBytes(long limit) {
    return new LoadOptions(mode, keys, reader, limit, maxRows);
  }

  /**
   * A copy with the given row limit.
   *
   * @param limit the most rows a load may read
   * @return the copy
   */
  public LoadOptions withMaxRows(long limit) {
    return new LoadOptions(mode, keys, reader, maxBytes, limit);
  }

  /**
   * These options overlaid with an option map: {@value #MODE}, {@value #KEYS}, {@value #MAX_ROWS}
   * and {@value #MAX_BYTES} set the fields (limits can only be lowered), every other key is added
   * to the reader options.
   *
   * @param options the map, e.g. from a connector
   * @return the merged options
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a malformed value
   */
  public LoadOptions merge(Map<String, String> options) {
    LoadMode newMode = mode;
    List<String> newKeys = keys;
    long newMaxBytes = maxBytes;
    long newMaxRows = maxRows;
    Map<String, String> newReader = new LinkedHashMap<>(reader);
    for (Map.Entry<String, String> option : options.entrySet()) {
      String value = option.getValue();
      switch (option.getKey()) {
        case MODE -> newMode = LoadMode.parse(value);
        case KEYS -> newKeys = splitList(value);
        case MAX_ROWS -> newMaxRows = Math.min(newMaxRows, positive(MAX_ROWS, value));
        case MAX_BYTES -> newMaxBytes = Math.min(newMaxBytes, positive(MAX_BYTES, value));
        default -> newReader.put(option.getKey(), value);
      }
    }
    return new LoadOptions(
        newMode,
        newMode == LoadMode.UPSERT ? newKeys : List.of(),
        newReader,
        newMaxBytes,
        newMaxRows);
  }

  /** Splits a comma-separated list, trimming items and dropping blanks. */
  static List<String> splitList(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  private static long positive(String key, String value) {
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT, "Option '" + key + "' must be a positive whole number");
  }
}
