package io.udb.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.event.EventSinkFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EventSinkFactoryRegistrationTest {

  @Test
  void serviceLoaderFindsTheBuiltInSinksByName() {
    assertThat(ServiceLoader.load(EventSinkFactory.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(factory -> factory.getClass().getPackageName().equals("io.udb.core.event"))
        .extracting(EventSinkFactory::name, EventSinkFactory::priority)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("logging", -100),
            org.assertj.core.groups.Tuple.tuple("memory", -100));
  }
}
