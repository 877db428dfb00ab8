package io.udb.examples.snippets;

import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

// README: the Spring Boot quickstart; the starter makes the DataBox bean.
// spotless:off
// snippet:begin SpringBootQuickstart
@RestController
class RegionsController {
  private final DataBox box;

  RegionsController(DataBox box) {
    this.box = box;
  }

  @GetMapping("/regions")
  List<List<Object>> regions(@RequestHeader("Authorization") String authorization) {
    SecuredBox caller = box.authenticate(authorization.substring("Bearer ".length()));
    return caller.query("SELECT region, sum(amount) FROM sales GROUP BY region").rows();
  }
}
// snippet:end
// spotless:on
