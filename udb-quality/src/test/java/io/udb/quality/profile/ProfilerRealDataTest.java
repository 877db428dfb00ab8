package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Profiles every vendored data set and checks what {@code shared/data/SOURCES.md} says of it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfilerRealDataTest {
  private static final Map<String, Long> ROWS =
      Map.of(
          "seattle-weather.csv", 1461L,
          "cars.csv", 406L,
          "birdstrikes.csv", 10_000L,
          "penguins_raw.csv", 344L,
          "zipcodes.csv", 42_049L,
          "danish_data.csv", 55L);

  private TestBoxes boxes;

  @BeforeAll
  void load() {
    boxes = new TestBoxes();
  }

  @AfterAll
  void close() {
    boxes.close();
  }

  @Test
  void everyDataSetProfilesWithItsPublishedRowCount() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(TestData.root())) {
      files = listing.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(ROWS.keySet());
    for (Path file : files) {
      String name = file.getFileName().toString();
      String table = "all_" + name.replace('-', '_').replace(".csv", "");
      boxes.csv(name, table);
      Profile profile = boxes.profile(table);
      assertThat(profile.rowCount()).as(name).isEqualTo(ROWS.get(name));
      assertThat(profile.columns()).as(name).isNotEmpty();
      for (ColumnProfile c : profile.columns()) {
        assertThat(c.count() + c.missing()).as(name + "/" + c.name()).isEqualTo(profile.rowCount());
      }
    }
  }

  @Test
  void carsHasTheDocumentedMissingValuesAndKinds() {
    boxes.csv("cars.csv", "cars");
    Profile cars = boxes.profile("cars");

    assertThat(cars.column("Miles_per_Gallon").orElseThrow().missing()).isEqualTo(8);
    assertThat(cars.column("Horsepower").orElseThrow().missing()).isEqualTo(6);
    assertThat(cars.missingCells()).isEqualTo(14);
    assertThat(cars.column("Origin").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(cars.column("Name").orElseThrow().kind()).isEqualTo(ColumnKind.TEXT);
    assertThat(cars.column("Year").orElseThrow().kind()).isEqualTo(ColumnKind.DATETIME);
    assertThat(cars.alerts(AlertType.MISSING))
        .extracting(Alert::column)
        .containsExactly("Miles_per_Gallon", "Horsepower");
  }

  @Test
  void birdstrikesKeepsTheLiteralNoneAsACategory() {
    boxes.csv("birdstrikes.csv", "birdstrikes");
    Profile birds = boxes.profile("birdstrikes");

    assertThat(birds.column("Speed IAS in knots").orElseThrow().missing()).isEqualTo(2836);
    ColumnProfile damage = birds.column("Effect Amount of damage").orElseThrow();
    assertThat(damage.missing()).isZero();
    assertThat(damage.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(damage.topValues()).extracting(ValueCount::value).contains("None");
    assertThat(damage.topValues().get(0).value()).isEqualTo("None");
  }

  @Test
  void seattleWeatherHasFiveCategoriesAndDailyDates() {
    boxes.csv("seattle-weather.csv", "weather");
    Profile weather = boxes.profile("weather");

    ColumnProfile kind = weather.column("weather").orElseThrow();
    assertThat(kind.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(kind.distinct()).isEqualTo(5);
    assertThat(kind.topValues()).hasSize(5);
    assertThat(kind.topValues().stream().mapToLong(ValueCount::count).sum()).isEqualTo(1461);
    ColumnProfile date = weather.column("date").orElseThrow();
    assertThat(date.kind()).isEqualTo(ColumnKind.DATETIME);
    assertThat(date.datetime().period()).isEqualTo("month");
    assertThat(date.datetime().histogram()).hasSize(48);
    assertThat(date.datetime().histogram().stream().mapToLong(PeriodCount::count).sum())
        .isEqualTo(1461);
    assertThat(weather.duplicateRows()).isZero();
  }
}
