package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Checks that bytes are a real PNG image and a real SVG document of the expected size. */
final class ImageAssertions {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private ImageAssertions() {}

  /** Asserts the PNG signature, decodes the image and checks its size. */
  static BufferedImage assertPng(byte[] png, int width, int height) throws IOException {
    assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("decodable PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    return image;
  }

  /** Parses the SVG as XML, without fetching its DTD, and checks its root element and size. */
  static Document assertSvg(byte[] svg, int width, int height)
      throws ParserConfigurationException, SAXException, IOException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    Element root = document.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(root.getAttribute("width")).isEqualTo(width + "px");
    assertThat(root.getAttribute("height")).isEqualTo(height + "px");
    return document;
  }

  /** Whether the image has at least one pixel of exactly the given colour, ignoring alpha. */
  static boolean hasPixel(BufferedImage image, int rgb) {
    return countPixels(image, pixel -> pixel == rgb) > 0;
  }

  /**
   * How many pixels are clearly blue, as the palette's first colour is, also when drawn translucent
   * over white: the data of a chart, not its black and grey text and axes.
   */
  static long bluePixels(BufferedImage image) {
    return countPixels(image, pixel -> (pixel & 0xFF) - ((pixel >> 16) & 0xFF) > 60);
  }

  private static long countPixels(BufferedImage image, java.util.function.IntPredicate test) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (test.test(image.getRGB(x, y) & 0xFFFFFF)) {
          count++;
        }
      }
    }
    return count;
  }
}
