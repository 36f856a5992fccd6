package dev.rehearsal.api.reports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A JUnit XML report parsed as CI systems parse it, to look its suites and test cases up by name. */
public final class JunitXml {
  private final Document document;

  private JunitXml(Document document) {
    this.document = document;
  }

  public static JunitXml parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new JunitXml(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  public Element root() {
    return document.getDocumentElement();
  }

  public Element suite(String name) {
    return named("testsuite", name);
  }

  public Element testCase(String name) {
    return named("testcase", name);
  }

  /** The test case's {@code failure} (or {@code skipped}) element, null when it has none. */
  public static Element child(Element testCase, String tag) {
    NodeList children = testCase.getElementsByTagName(tag);
    return children.getLength() == 0 ? null : (Element) children.item(0);
  }

  private Element named(String tag, String name) {
    NodeList all = document.getElementsByTagName(tag);
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (element.getAttribute("name").equals(name)) {
        return element;
      }
    }
    throw new AssertionError("no " + tag + " named " + name);
  }
}
