package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.text.DecimalFormat;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to draw: the chart type, which columns of the data go where, and how to label it. Valid by
 * construction: a spec that names no {@code y} for a line chart, or gives a histogram a series,
 * cannot be built. Whether the named columns exist is checked against the data when rendering.
 *
 * <p>Fields by type: every type needs {@code x}. {@code line}, {@code bar}, {@code scatter}, {@code
 * pie}, {@code donut} and {@code heatmap} need {@code y} (for pie and donut the slice size, for a
 * heatmap the row category); a histogram counts the values of {@code x} and takes no {@code y}. A
 * heatmap also needs {@code value}, the cell value. {@code series} (one line, bar colour or point
 * colour per distinct value) applies to line, bar and scatter; {@code orientation} and {@code
 * stacked} to bar; {@code topN} (keep the largest categories, sum the rest into "Other") to bar,
 * pie and donut; {@code bins} to histogram; {@code grain} to charts whose {@code x} may be dates.
 *
 * <p>The JSON form ({@link #fromJson}, {@link #toJson}) uses the component names as keys and the
 * lower-case names of the enums, e.g. {@code {"type":"line","x":"month","y":"avg_temp",
 * "grain":"month","unit":"°C"}}.
 *
 * @param type the chart type
 * @param title the title; {@code null} derives one from the field names
 * @param x the column on the x axis (the category of a bar or slice, the measure of a histogram)
 * @param y the column of the values; {@code null} for a histogram
 * @param series the column whose values split the data into series, or {@code null}
 * @param value the column of a heatmap's cell values, else {@code null}
 * @param xLabel the x axis title; {@code null} uses the field name
 * @param yLabel the y axis title; {@code null} uses the field name ({@code Count} for a histogram)
 * @param width the image width in pixels, 200 to 4000
 * @param height the image height in pixels, 200 to 4000
 * @param grain the period length of a date {@code x}; {@code null} infers it from the dates
 * @param numberFormat a {@link DecimalFormat} pattern for values, e.g. {@code #,##0.0}; {@code
 *     null} picks the decimals from the range of the data, with thousands separators
 * @param unit the unit of the values, e.g. {@code °C}, shown in the value axis title; or {@code
 *     null}
 * @param orientation which way bars grow
 * @param stacked whether the series of a bar chart are stacked rather than grouped
 * @param topN how many categories to keep, the rest summed into "Other"; {@code null} keeps all
 * @param bins the number of histogram bins; {@code null} chooses it from the values
 */
public record ChartSpec(
    ChartType type,
    String title,
    String x,
    String y,
    String series,
    String value,
    String xLabel,
    String yLabel,
    int width,
    int height,
    DateGrain grain,
    String numberFormat,
    String unit,
    BarOrientation orientation,
    boolean stacked,
    Integer topN,
    Integer bins) {

  /** The default image width, readable on a laptop screen and in a report. */
  public static final int DEFAULT_WIDTH = 1200;

  /** The default image height. */
  public static final int DEFAULT_HEIGHT = 700;

  /** The smallest width or height accepted. */
  public static final int MIN_SIZE = 200;

  /** The largest width or height accepted, which bounds the memory of one render. */
  public static final int MAX_SIZE = 4000;

  /** The largest {@code topN}: more bars or slices than that are unreadable anyway. */
  public static final int MAX_TOP_N = 50;

  /** The largest number of histogram bins. */
  public static final int MAX_BINS = 200;

  private static final int MAX_TITLE = 200;
  private static final int MAX_LABEL = 100;
  private static final int MAX_UNIT = 20;

  private static final Set<ChartType> NEEDS_Y =
      EnumSet.of(
          ChartType.LINE,
          ChartType.BAR,
          ChartType.SCATTER,
          ChartType.PIE,
          ChartType.DONUT,
          ChartType.HEATMAP);
  private static final Set<ChartType> TAKES_SERIES =
      EnumSet.of(ChartType.LINE, ChartType.BAR, ChartType.SCATTER);
  private static final Set<ChartType> TAKES_TOP_N =
      EnumSet.of(ChartType.BAR, ChartType.PIE, ChartType.DONUT);
  private static final Set<ChartType> NUMERIC_X =
      EnumSet.of(ChartType.SCATTER, ChartType.HISTOGRAM);

  /**
   * Validates the spec.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the field that is wrong
   */
  public ChartSpec {
    if (type == null) {
      throw invalid("type", "is required: one of " + ChartSpecJson.names(ChartType.values()));
    }
    String kind = "a " + type.jsonName() + " chart";
    title = optionalText("title", title, MAX_TITLE);
    x = requiredField("x", x, kind);
    y = NEEDS_Y.contains(type) ? requiredField("y", y, kind) : absent("y", y, kind);
    series =
        TAKES_SERIES.contains(type)
            ? optionalText("series", series, MAX_LABEL)
            : absent("series", series, kind);
    value =
        type == ChartType.HEATMAP
            ? requiredField("value", value, kind)
            : absent("value", value, kind);
    xLabel = optionalText("xLabel", xLabel, MAX_LABEL);
    yLabel = optionalText("yLabel", yLabel, MAX_LABEL);
    checkSize("width", width);
    checkSize("height", height);
    if (grain != null && NUMERIC_X.contains(type)) {
      throw invalid("grain", "does not apply to " + kind + ", whose x is a number");
    }
    numberFormat = optionalText("numberFormat", numberFormat, MAX_LABEL);
    if (numberFormat != null) {
      checkPattern(numberFormat);
    }
    unit = optionalText("unit", unit, MAX_UNIT);
    orientation = orientation == null ? BarOrientation.VERTICAL : orientation;
    if (orientation == BarOrientation.HORIZONTAL && type != ChartType.BAR) {
      throw invalid("orientation", "applies to bar charts only, not to " + kind);
    }
    if (stacked && type != ChartType.BAR) {
      throw invalid("stacked", "applies to bar charts only, not to " + kind);
    }
    if (topN != null) {
      if (!TAKES_TOP_N.contains(type)) {
        throw invalid("topN", "applies to bar, pie and donut charts only, not to " + kind);
      }
      if (topN < 1 || topN > MAX_TOP_N) {
        throw invalid("topN", "must be between 1 and " + MAX_TOP_N + ", got " + topN);
      }
    }
    if (bins != null) {
      if (type != ChartType.HISTOGRAM) {
        throw invalid("bins", "applies to histograms only, not to " + kind);
      }
      if (bins < 1 || bins > MAX_BINS) {
        throw invalid("bins", "must be between 1 and " + MAX_BINS + ", got " + bins);
      }
    }
  }

  /**
   * Starts a spec of a type, with the default size and no optional fields.
   *
   * @param type the chart type
   * @return a builder
   */
  public static Builder builder(ChartType type) {
    return new Builder(Objects.requireNonNull(type, "type"));
  }

  /** A builder holding this spec's values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads the JSON form.
   *
   * @param json a JSON object with the fields of this record
   * @return the spec
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the field that is wrong
   */
  public static ChartSpec fromJson(String json) {
    return ChartSpecJson.read(json);
  }

  /**
   * Reads the JSON form already parsed into a map, e.g. from a YAML or JSON request.
   *
   * @param fields the fields, JSON-compatible values
   * @return the spec
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the field that is wrong
   */
  public static ChartSpec fromMap(Map<String, ?> fields) {
    return ChartSpecJson.read(fields);
  }

  /** The JSON form, without the fields that are unset or at their defaults. */
  public String toJson() {
    return ChartSpecJson.write(this);
  }

  /** The JSON form as an insertion-ordered map of JSON-compatible values. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", type.jsonName());
    putIfSet(map, "title", title);
    map.put("x", x);
    putIfSet(map, "y", y);
    putIfSet(map, "series", series);
    putIfSet(map, "value", value);
    putIfSet(map, "xLabel", xLabel);
    putIfSet(map, "yLabel", yLabel);
    map.put("width", width);
    map.put("height", height);
    putIfSet(map, "grain", grain == null ? null : grain.jsonName());
    putIfSet(map, "numberFormat", numberFormat);
    putIfSet(map, "unit", unit);
    if (orientation != BarOrientation.VERTICAL) {
      map.put("orientation", orientation.jsonName());
    }
    if (stacked) {
      map.put("stacked", true);
    }
    putIfSet(map, "topN", topN);
    putIfSet(map, "bins", bins);
    return map;
  }

  /** The title to show: the given one, or one made from the field names. */
  public String displayTitle() {
    if (title != null) {
      return title;
    }
    return switch (type) {
      case LINE, BAR -> y + " by " + x + (series == null ? "" : " and " + series);
      case SCATTER -> y + " vs " + x + (series == null ? "" : " by " + series);
      case HISTOGRAM -> "Distribution of " + x;
      case PIE, DONUT -> y + " by " + x;
      case HEATMAP -> value + " by " + x + " and " + y;
    };
  }

  /** The x axis title to show: the given label or the field name, with the unit of a histogram. */
  public String displayXLabel() {
    String label = xLabel != null ? xLabel : x;
    return type == ChartType.HISTOGRAM ? withUnit(label) : label;
  }

  /**
   * The y axis title to show: the given label or the field name ({@code Count} for a histogram),
   * with the unit of the values.
   */
  public String displayYLabel() {
    if (type == ChartType.HISTOGRAM) {
      return yLabel != null ? yLabel : "Count";
    }
    String label = yLabel != null ? yLabel : y;
    return type == ChartType.HEATMAP ? label : withUnit(label);
  }

  private String withUnit(String label) {
    if (unit == null || label.contains("(" + unit + ")")) {
      return label;
    }
    return label + " (" + unit + ")";
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String requiredField(String field, String column, String kind) {
    String text = optionalText(field, column, MAX_LABEL);
    if (text == null) {
      throw invalid(field, "is required for " + kind + ": name a column of the data");
    }
    return text;
  }

  private static String absent(String field, String column, String kind) {
    if (column != null) {
      throw invalid(field, "does not apply to " + kind + "; leave it out");
    }
    return null;
  }

  private static String optionalText(String field, String text, int maxLength) {
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      throw invalid(field, "must not be blank; leave it out instead");
    }
    if (text.length() > maxLength) {
      throw invalid(field, "must be at most " + maxLength + " characters long");
    }
    return text;
  }

  private static void checkSize(String field, int pixels) {
    if (pixels < MIN_SIZE || pixels > MAX_SIZE) {
      throw invalid(
          field, "must be between " + MIN_SIZE + " and " + MAX_SIZE + " pixels, got " + pixels);
    }
  }

  private static void checkPattern(String pattern) {
    try {
      new DecimalFormat(pattern);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "numberFormat", "is not a decimal format pattern such as #,##0.0: " + e.getMessage());
    }
  }

  static UdbException invalid(String field, String problem) {
    return new UdbException(
        ErrorCode.INVALID_ARGUMENT, "Chart spec field '" + field + "' " + problem);
  }

  /** Builds a {@link ChartSpec}; not thread-safe. */
  public static final class Builder {
    private final ChartType type;
    private String title;
    private String x;
    private String y;
    private String series;
    private String value;
    private String xLabel;
    private String yLabel;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private DateGrain grain;
    private String numberFormat;
    private String unit;
    private BarOrientation orientation = BarOrientation.VERTICAL;
    private boolean stacked;
    private Integer topN;
    private Integer bins;

    private Builder(ChartType type) {
      this.type = type;
    }

    private Builder(ChartSpec spec) {
      this.type = spec.type;
      this.title = spec.title;
      this.x = spec.x;
      this.y = spec.y;
      this.series = spec.series;
      this.value = spec.value;
      this.xLabel = spec.xLabel;
      this.yLabel = spec.yLabel;
      this.width = spec.width;
      this.height = spec.height;
      this.grain = spec.grain;
      this.numberFormat = spec.numberFormat;
      this.unit = spec.unit;
      this.orientation = spec.orientation;
      this.stacked = spec.stacked;
      this.topN = spec.topN;
      this.bins = spec.bins;
    }

    /** Sets the title. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Sets the x column. */
    public Builder x(String column) {
      this.x = column;
      return this;
    }

    /** Sets the y column. */
    public Builder y(String column) {
      this.y = column;
      return this;
    }

    /** Sets the series column. */
    public Builder series(String column) {
      this.series = column;
      return this;
    }

    /** Sets the value column of a heatmap. */
    public Builder value(String column) {
      this.value = column;
      return this;
    }

    /** Sets the x axis title. */
    public Builder xLabel(String label) {
      this.xLabel = label;
      return this;
    }

    /** Sets the y axis title. */
    public Builder yLabel(String label) {
      this.yLabel = label;
      return this;
    }

    /** Sets the image size in pixels. */
    public Builder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** Sets the period length of a date x. */
    public Builder grain(DateGrain grain) {
      this.grain = grain;
      return this;
    }

    /** Sets the {@link DecimalFormat} pattern of values. */
    public Builder numberFormat(String pattern) {
      this.numberFormat = pattern;
      return this;
    }

    /** Sets the unit of the values. */
    public Builder unit(String unit) {
      this.unit = unit;
      return this;
    }

    /** Sets which way bars grow. */
    public Builder orientation(BarOrientation orientation) {
      this.orientation = orientation;
      return this;
    }

    /** Sets whether bar series are stacked. */
    public Builder stacked(boolean stacked) {
      this.stacked = stacked;
      return this;
    }

    /** Sets how many categories to keep before "Other"; {@code null} keeps all. */
    public Builder topN(Integer topN) {
      this.topN = topN;
      return this;
    }

    /** Sets the number of histogram bins; {@code null} chooses it. */
    public Builder bins(Integer bins) {
      this.bins = bins;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the field that is wrong
     */
    public ChartSpec build() {
      return new ChartSpec(
          type,
          title,
          x,
          y,
          series,
          value,
          xLabel,
          yLabel,
          width,
          height,
          grain,
          numberFormat,
          unit,
          orientation,
          stacked,
          topN,
          bins);
    }
  }
}
