package io.udb.ingest.load;

import static io.udb.ingest.TestData.rows;
import static io.udb.ingest.TestData.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.engine.ColumnInfo;
import io.udb.core.DataBox;
import io.udb.ingest.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of the project's shared real data sets, loaded with the counts of SOURCES.md. */
class RealFilesLoadTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static DataBox box;
  private static TenantLoader loader;

  @TempDir Path temp;

  @BeforeAll
  static void open() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
    loader = new TenantLoader(box, LoadContext.direct(TENANT), LoadOptions.defaults());
  }

  @AfterAll
  static void close() {
    box.close();
  }

  private static LoadReport load(String table, String file) {
    return loader.loadFile(table, TestData.file(file), FileFormat.CSV, LoadOptions.defaults());
  }

  private static String typeOf(LoadReport report, String column) {
    return report.result().columns().stream()
        .filter(c -> c.name().equals(column))
        .map(ColumnInfo::type)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void loadsSeattleWeather() {
    LoadReport report = load("weather", "seattle-weather.csv");

    assertThat(report.result().rowsRead()).isEqualTo(1461);
    assertThat(report.result().rowsLoaded()).isEqualTo(1461);
    assertThat(report.result().rowsRejected()).isZero();
    assertThat(typeOf(report, "date")).isEqualTo("DATE");
  }

  @Test
  void loadsCarsWithItsMissingValuesAsNulls() {
    LoadReport report = load("cars", "cars.csv");

    assertThat(report.result().rowsLoaded()).isEqualTo(406);
    assertThat(scalar(box, TENANT, "SELECT count(*) - count(Miles_per_Gallon) FROM cars"))
        .isEqualTo(8L);
    assertThat(scalar(box, TENANT, "SELECT count(*) - count(Horsepower) FROM cars")).isEqualTo(6L);
  }

  @Test
  void loadsBirdstrikesKeepingNoneAsACategory() {
    LoadReport report = load("birdstrikes", "birdstrikes.csv");

    assertThat(report.result().rowsRead()).isEqualTo(10_000);
    assertThat(report.result().rowsLoaded()).isEqualTo(10_000);
    assertThat(
            scalar(
                box,
                TENANT,
                "SELECT count(*) FROM birdstrikes WHERE \"Effect Amount of damage\" = 'None'"))
        .isNotEqualTo(0L);
    assertThat(
            scalar(box, TENANT, "SELECT count(*) - count(\"Speed IAS in knots\") FROM birdstrikes"))
        .isEqualTo(2836L);
  }

  @Test
  void loadsZipCodesKeepingLeadingZeros() {
    LoadReport report = load("zipcodes", "zipcodes.csv");

    assertThat(report.result().rowsLoaded()).isEqualTo(42_049);
    assertThat(typeOf(report, "zip_code")).isEqualTo("VARCHAR");
    assertThat(scalar(box, TENANT, "SELECT count(*) FROM zipcodes WHERE zip_code = '00501'"))
        .isEqualTo(1L);
  }

  @Test
  void loadsPenguinsWithNaTokensAsNulls() {
    LoadReport plain = load("penguins_plain", "penguins_raw.csv");
    LoadReport withNa =
        loader.loadFile(
            "penguins",
            TestData.file("penguins_raw.csv"),
            FileFormat.CSV,
            LoadOptions.defaults().withReaderOption("nullstr", "NA"));

    assertThat(withNa.result().rowsLoaded()).isEqualTo(344);
    assertThat(plain.result().rowsLoaded()).isEqualTo(344);
    assertThat(typeOf(withNa, "Culmen Length (mm)")).isEqualTo("DOUBLE");
    assertThat(nulls("penguins") - nulls("penguins_plain")).isEqualTo(336);
    assertThat(
            scalar(
                box,
                TENANT,
                "SELECT count(*) FROM penguins WHERE list_contains("
                    + "[\"Sex\", \"Comments\", \"Delta 15 N (o/oo)\"::VARCHAR], 'NA')"))
        .isEqualTo(0L);
  }

  private static long nulls(String table) {
    List<List<Object>> columns =
        rows(
            box,
            TENANT,
            "SELECT column_name FROM duckdb_columns() WHERE table_name = '" + table + "'");
    StringBuilder sum = new StringBuilder("SELECT 0");
    for (List<Object> column : columns) {
      sum.append(" + count(*) - count(\"").append(column.get(0)).append("\")");
    }
    return ((Number) scalar(box, TENANT, sum + " FROM " + table)).longValue();
  }

  @Test
  void loadsIeeeOuiWithCrlfEmbeddedLineBreaksEscapesAndUtf8() {
    LoadReport report = load("oui", "ieee-oui.csv");

    assertThat(report.result().rowsRead()).isEqualTo(32_530);
    assertThat(report.result().rowsLoaded()).isEqualTo(32_530);
    assertThat(report.result().rowsRejected()).isZero();
    assertThat(
            scalar(
                box,
                TENANT,
                "SELECT count(*) FROM oui WHERE contains(\"Organization Name\", chr(10))"
                    + " OR contains(\"Organization Address\", chr(10))"))
        .isEqualTo(8L);
    assertThat(
            scalar(
                box,
                TENANT,
                "SELECT count(*) FROM oui WHERE contains(\"Organization Address\", 'Malmö')"))
        .isNotEqualTo(0L);
    assertThat(
            scalar(
                box,
                TENANT,
                "SELECT count(*) FROM oui WHERE contains(\"Organization Name\", '\"')"))
        .isNotEqualTo(0L);
    assertThat(scalar(box, TENANT, "SELECT count(*) FROM oui WHERE ends_with(Registry, chr(13))"))
        .isEqualTo(0L);
  }

  @Test
  void loadsDanishDataWithoutTheByteOrderMarkInTheFirstName() {
    LoadReport report = load("danish", "danish_data.csv");

    assertThat(report.result().rowsLoaded()).isEqualTo(55);
    assertThat(report.result().columns().get(0).name()).isEqualTo("period");
  }

  @Test
  void skipsTheScikitLearnMetadataLine() {
    LoadReport report = load("iris", "sklearn-iris.csv");

    assertThat(report.result().rowsRead()).isEqualTo(150);
    assertThat(report.result().rowsLoaded()).isEqualTo(150);
    assertThat(report.skippedLines()).containsExactly("150,4,setosa,versicolor,virginica");
    assertThat(report.result().columns())
        .extracting(ColumnInfo::name)
        .containsExactly("column0", "column1", "column2", "column3", "column4");
    assertThat(typeOf(report, "column0")).isEqualTo("DOUBLE");
    assertThat(scalar(box, TENANT, "SELECT count(DISTINCT column4) FROM iris")).isEqualTo(3L);
  }

  @Test
  void namesTheIrisColumnsWhenAsked() {
    LoadReport report =
        loader.loadFile(
            "iris_named",
            TestData.file("sklearn-iris.csv"),
            FileFormat.CSV,
            LoadOptions.defaults()
                .withReaderOption(
                    "names", "sepal_length,sepal_width,petal_length,petal_width,target"));

    assertThat(report.result().rowsLoaded()).isEqualTo(150);
    assertThat(report.result().columns().get(4).name()).isEqualTo("target");
  }

  @Test
  void skipsATitleLineAboveTheHeader() throws Exception {
    Path file = temp.resolve("report.csv");
    Files.writeString(
        file,
        "Sales report, exported 2024-01-31\nregion;units\nnorth;3\nsouth;4\n",
        StandardCharsets.UTF_8);
    LoadReport report = loader.loadFile("titled", file, FileFormat.CSV, LoadOptions.defaults());

    assertThat(report.skippedLines()).containsExactly("Sales report, exported 2024-01-31");
    assertThat(report.result().columns())
        .extracting(ColumnInfo::name)
        .containsExactly("region", "units");
    assertThat(report.result().rowsLoaded()).isEqualTo(2);
  }
}
