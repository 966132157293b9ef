package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What publishing needs, checked on the reactor's POMs (this module sees them all): the BOM lists every
 * published module at the project's version with the parent's metadata, and every published module has a
 * module-info and an API listing.
 */
class PublishingTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Document pom(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  /** The text of the first element at this path of child names under the project, or null. */
  private static String text(Document pom, String... path) {
    Element element = pom.getDocumentElement();
    for (String name : path) {
      element = child(element, name);
      if (element == null) {
        return null;
      }
    }
    return element.getTextContent().trim();
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<String> modules(Document parent) {
    List<String> modules = new ArrayList<>();
    NodeList list = child(parent.getDocumentElement(), "modules").getElementsByTagName("module");
    for (int i = 0; i < list.getLength(); i++) {
      modules.add(list.item(i).getTextContent().trim());
    }
    return modules;
  }

  /** A module is published unless it skips deploying (the command line, the benchmarks) or is the BOM. */
  private static boolean published(String module) throws Exception {
    Document pom = pom(ROOT.resolve(module).resolve("pom.xml"));
    return !module.equals("incident-bom") && !"true".equals(text(pom, "properties", "maven.deploy.skip"));
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Document parent = pom(ROOT.resolve("pom.xml"));
    Document bom = pom(ROOT.resolve("incident-bom/pom.xml"));
    String version = text(parent, "version");
    assertThat(text(bom, "version")).isEqualTo(version);
    List<String> listed = new ArrayList<>();
    NodeList deps = child(child(bom.getDocumentElement(), "dependencyManagement"), "dependencies")
        .getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      assertThat(child(dep, "version").getTextContent().trim()).as("version of " + dep.getTextContent()).isEqualTo(version);
      listed.add(child(dep, "artifactId").getTextContent().trim());
    }
    List<String> published = new ArrayList<>();
    for (String module : modules(parent)) {
      if (published(module)) {
        published.add(module);
      }
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void theBomCarriesTheParentsMetadata() throws Exception {
    Document parent = pom(ROOT.resolve("pom.xml"));
    Document bom = pom(ROOT.resolve("incident-bom/pom.xml"));
    String url = text(parent, "properties", "incidents.repository.url");
    assertThat(text(bom, "url")).isEqualTo(url);
    assertThat(text(bom, "scm", "url")).isEqualTo(url);
    assertThat(text(bom, "scm", "connection")).isEqualTo("scm:git:" + url + ".git");
    assertThat(text(bom, "developers", "developer", "name")).isEqualTo(text(parent, "developers", "developer", "name"));
    assertThat(text(bom, "licenses", "license", "name")).isEqualTo(text(parent, "licenses", "license", "name"))
        .isEqualTo("Apache-2.0");
    assertThat(text(bom, "licenses", "license", "url")).isEqualTo(text(parent, "licenses", "license", "url"));
  }

  @Test
  void everyPublishedModuleHasAModuleInfoAndAnApiListing() throws Exception {
    for (String module : modules(pom(ROOT.resolve("pom.xml")))) {
      if (published(module)) {
        assertThat(ROOT.resolve(module).resolve("src/main/java/module-info.java")).as(module).isRegularFile();
        assertThat(ROOT.resolve(module).resolve("api/" + module + ".api")).as(module).isRegularFile();
      }
    }
  }

  @Test
  void theLicenseIsApache2() throws Exception {
    assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
  }
}
