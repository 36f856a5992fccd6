package dev.rehearsal.activities.gates;

import dev.rehearsal.plan.ReportGate.JunitFigure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A figure of a JUnit XML report (pytest {@code --junitxml}, Maven Surefire, Playwright, Vitest), summed over its
 * outermost {@code testsuite} elements. A suite without the attribute counts its test cases' {@code failure}, {@code
 * error} or {@code skipped} elements (or its {@code testcase} elements for {@code tests}). Parsed without a DTD or
 * external entities: a report declaring one is refused.
 */
final class JunitFigures {
  private JunitFigures() {}

  /** The figure, or an exception whose message says why the report cannot give it. */
  static double sum(byte[] report, JunitFigure figure) {
    Element root = parse(report).getDocumentElement();
    double sum = 0;
    int suites = 0;
    for (Element suite : outermostSuites(root)) {
      suites++;
      String attribute = suite.getAttribute(figure.name());
      if (!attribute.isBlank()) {
        try {
          // A count is a whole number: "1e3" or "Infinity" in a report is a broken report, not 1000 failures.
          sum += Long.parseLong(attribute.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("testsuite '" + suite.getAttribute("name") + "' has " + figure + "=\"" + attribute + "\", not a number");
        }
      } else {
        sum += counted(suite, figure);
      }
    }
    if (suites == 0) {
      throw new IllegalArgumentException("has no testsuite element");
    }
    return sum;
  }

  private static java.util.List<Element> outermostSuites(Element root) {
    if (root.getTagName().equals("testsuite")) {
      return java.util.List.of(root);
    }
    java.util.List<Element> suites = new java.util.ArrayList<>();
    NodeList all = root.getElementsByTagName("testsuite");
    for (int i = 0; i < all.getLength(); i++) {
      Element suite = (Element) all.item(i);
      if (!hasSuiteAncestor(suite)) {
        suites.add(suite);
      }
    }
    return suites;
  }

  private static boolean hasSuiteAncestor(Element e) {
    for (Node p = e.getParentNode(); p instanceof Element parent; p = parent.getParentNode()) {
      if (parent.getTagName().equals("testsuite")) {
        return true;
      }
    }
    return false;
  }

  private static int counted(Element suite, JunitFigure figure) {
    String tag = switch (figure) {
      case tests -> "testcase";
      case failures -> "failure";
      case errors -> "error";
      case skipped -> "skipped";
    };
    return suite.getElementsByTagName(tag).getLength();
  }

  private static org.w3c.dom.Document parse(byte[] report) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new ByteArrayInputStream(report));
    } catch (SAXException e) {
      throw new IllegalArgumentException("is not JUnit XML: " + e.getMessage());
    } catch (ParserConfigurationException | IOException e) {
      throw new IllegalStateException("cannot parse XML", e);
    }
  }
}
