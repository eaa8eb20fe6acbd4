package dev.pgrelocate.maven;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the user-facing surface as Maven sees it, from the generated {@code plugin.xml}: goal names,
 * phases, and for every parameter its {@code pgrelocate.*} property, its default and its manual.
 * The README's parameter table is written from the same facts.
 */
class PluginDescriptorTest {

    /** name -> {property, default (null for none)} shared by both goals. */
    private static final Map<String, List<String>> COMMON = table(
            "directory", "pgrelocate.directory", "${project.basedir}",
            "includes", "pgrelocate.includes", null,
            "excludes", "pgrelocate.excludes", null,
            "failIfNoFiles", "pgrelocate.failIfNoFiles", "false",
            "preset", "pgrelocate.preset", "heroku",
            "sourceSchemas", "pgrelocate.sourceSchemas", null,
            "targetSchema", "pgrelocate.targetSchema", null,
            "excludeExtensions", "pgrelocate.excludeExtensions", null,
            "excludeDefaultExtensions", "pgrelocate.excludeDefaultExtensions", "true",
            "targetOwnedByPlatform", "pgrelocate.targetOwnedByPlatform", null,
            "stripRestrict", "pgrelocate.stripRestrict", "false",
            "ensureExtensions", "pgrelocate.ensureExtensions", "false",
            "catalogUrl", "pgrelocate.catalogUrl", null,
            "noOwner", "pgrelocate.noOwner", "false",
            "noAcl", "pgrelocate.noAcl", "false",
            "mapRoles", "pgrelocate.mapRoles", null,
            "noEventTriggers", "pgrelocate.noEventTriggers", "false",
            "dropExtensionComments", "pgrelocate.dropExtensionComments", null,
            "report", "pgrelocate.report", "text",
            "reportFile", "pgrelocate.reportFile", null,
            "skip", "pgrelocate.skip", "false");

    private static final Map<String, List<String>> REWRITE_ONLY = table(
            "outputDirectory", "pgrelocate.outputDirectory", "${project.build.directory}/pgrelocate",
            "inPlace", "pgrelocate.inPlace", "false",
            "backupSuffix", "pgrelocate.backupSuffix", ".orig",
            "skipRewrite", "pgrelocate.rewrite.skip", "false");

    private static final Map<String, List<String>> CHECK_ONLY = table(
            "skipCheck", "pgrelocate.check.skip", "false");

    private static final Map<String, List<String>> RESTORE_COMMON = table(
            "input", "pgrelocate.input", null,
            "singleTransaction", "pgrelocate.singleTransaction", "false",
            "continueOnError", "pgrelocate.continueOnError", "false",
            "preSql", "pgrelocate.preSql", null,
            "postSql", "pgrelocate.postSql", null,
            "jobs", "pgrelocate.jobs", "1");

    private static final Map<String, List<String>> RESTORE_ONLY = table(
            "url", "pgrelocate.url", null,
            "user", "pgrelocate.user", null,
            "password", "pgrelocate.password", null,
            "serverId", "pgrelocate.serverId", null,
            "clean", "pgrelocate.clean", "false",
            "force", "pgrelocate.force", "false",
            "allowConnect", "pgrelocate.allowConnect", "false",
            "skipRestore", "pgrelocate.restore.skip", "false");

    private static final Map<String, List<String>> VERIFY_RESTORE_ONLY = table(
            "pgVersion", "pgrelocate.pgVersion", null,
            "skipVerifyRestore", "pgrelocate.verify-restore.skip", "false");

    private static Map<String, Element> mojos;

    @BeforeAll
    static void readDescriptor() throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertNotNull(in, "plugin.xml is generated in process-classes, before the tests");
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            assertEquals("pgrelocate", text(doc.getDocumentElement(), "goalPrefix"));
            mojos = new TreeMap<>();
            NodeList list = doc.getElementsByTagName("mojo");
            for (int i = 0; i < list.getLength(); i++) {
                Element mojo = (Element) list.item(i);
                mojos.put(text(mojo, "goal"), mojo);
            }
        }
    }

    @Test
    void goalsAndTheirPhases() {
        assertEquals(List.of("check", "reassign-owner", "restore", "rewrite", "verify-restore"), List.copyOf(mojos.keySet()));
        assertEquals(null, text(mojos.get(RestoreMojo.GOAL), "phase"), "run from the command line");
        assertEquals("verify", text(mojos.get(VerifyRestoreMojo.GOAL), "phase"));
        assertEquals("false", text(mojos.get(RestoreMojo.GOAL), "requiresProject"));
        assertEquals("false", text(mojos.get(VerifyRestoreMojo.GOAL), "requiresProject"));
        assertEquals("process-resources", text(mojos.get(RewriteMojo.GOAL), "phase"));
        assertEquals("verify", text(mojos.get(CheckMojo.GOAL), "phase"));
        assertEquals(null, text(mojos.get(ReassignOwnerMojo.GOAL), "phase"), "run from the command line");
        assertEquals("false", text(mojos.get(ReassignOwnerMojo.GOAL), "requiresProject"));
        mojos.values().forEach(m -> assertEquals("true", text(m, "threadSafe")));
    }

    @Test
    void rewriteParameters() {
        Map<String, List<String>> expected = new TreeMap<>(COMMON);
        expected.putAll(REWRITE_ONLY);
        assertEquals(expected, userParameters(mojos.get(RewriteMojo.GOAL)));
    }

    @Test
    void checkParameters() {
        Map<String, List<String>> expected = new TreeMap<>(COMMON);
        expected.putAll(CHECK_ONLY);
        assertEquals(expected, userParameters(mojos.get(CheckMojo.GOAL)));
    }

    @Test
    void restoreParameters() {
        Map<String, List<String>> expected = new TreeMap<>(COMMON);
        expected.putAll(RESTORE_COMMON);
        expected.putAll(RESTORE_ONLY);
        assertEquals(expected, userParameters(mojos.get(RestoreMojo.GOAL)));
    }

    @Test
    void verifyRestoreParameters() {
        Map<String, List<String>> expected = new TreeMap<>(COMMON);
        expected.putAll(RESTORE_COMMON);
        expected.putAll(VERIFY_RESTORE_ONLY);
        assertEquals(expected, userParameters(mojos.get(VerifyRestoreMojo.GOAL)));
    }

    @Test
    void reassignOwnerParameters() {
        assertEquals(table(
                "url", "pgrelocate.url", null,
                "to", "pgrelocate.to", null,
                "grantRead", "pgrelocate.grantRead", null,
                "excludeSchemas", "pgrelocate.excludeSchemas", null,
                "apply", "pgrelocate.apply", "false",
                "skip", "pgrelocate.skip", "false",
                "skipReassignOwner", "pgrelocate.reassign-owner.skip", "false"),
                userParameters(mojos.get(ReassignOwnerMojo.GOAL)));
    }

    @Test
    void everyParameterIsDocumentedAsAManualEntry() {
        for (Element mojo : mojos.values()) {
            Map<String, String> properties = new TreeMap<>();
            userParameters(mojo).forEach((name, facts) -> properties.put(name, facts.get(0)));
            for (Element p : children(mojo, "parameters", "parameter")) {
                String name = text(p, "name");
                if (!"true".equals(text(p, "editable"))) {
                    continue;
                }
                String doc = text(p, "description");
                String where = text(mojo, "goal") + "/" + name + ": ";
                assertEquals("0.1.0", text(p, "since"), where + "@since");
                assertTrue(doc.contains("Default"), where + doc);
                assertTrue(doc.contains("-D" + properties.get(name) + "="), where + doc);
                assertTrue(doc.contains("<" + name + ">"), where + "needs an XML example: " + doc);
            }
        }
    }

    /** The Mojos test helper sets what Maven would inject; keep it honest. */
    @Test
    void testHelperDefaultsAgreeWithTheAnnotations(@TempDir Path project) {
        RewriteMojo mojo = Mojos.rewrite(project, new RecordingLog());
        assertEquals(COMMON.get("preset").get(1), mojo.preset);
        assertEquals(COMMON.get("excludeDefaultExtensions").get(1), String.valueOf(mojo.excludeDefaultExtensions));
        assertEquals(COMMON.get("report").get(1), mojo.report);
        assertEquals(COMMON.get("failIfNoFiles").get(1), String.valueOf(mojo.failIfNoFiles));
        assertEquals(COMMON.get("stripRestrict").get(1), String.valueOf(mojo.stripRestrict));
        assertEquals(REWRITE_ONLY.get("backupSuffix").get(1), mojo.backupSuffix);
        assertEquals(REWRITE_ONLY.get("inPlace").get(1), String.valueOf(mojo.inPlace));
        assertEquals(REWRITE_ONLY.get("outputDirectory").get(1).replace("${project.build.directory}",
                mojo.buildDirectory.getPath()), mojo.outputDirectory.getPath());
        assertEquals(COMMON.get("directory").get(1).replace("${project.basedir}", mojo.basedir.getPath()),
                mojo.directory.getPath());
    }

    /** Editable parameters: name -> [property, default]. */
    private static Map<String, List<String>> userParameters(Element mojo) {
        Map<String, List<String>> result = new TreeMap<>();
        Map<String, Element> configuration = new LinkedHashMap<>();
        for (Element c : children(mojo, "configuration", null)) {
            configuration.put(c.getTagName(), c);
        }
        for (Element p : children(mojo, "parameters", "parameter")) {
            if (!"true".equals(text(p, "editable"))) {
                continue;
            }
            String name = text(p, "name");
            Element c = configuration.get(name);
            assertNotNull(c, name + " has no property");
            String expression = c.getTextContent().trim();
            assertTrue(expression.startsWith("${pgrelocate.") && expression.endsWith("}"), name + ": " + expression);
            String property = expression.substring(2, expression.length() - 1);
            String defaultValue = c.hasAttribute("default-value") ? c.getAttribute("default-value") : null;
            result.put(name, java.util.Arrays.asList(property, defaultValue));
        }
        return result;
    }

    private static List<Element> children(Element parent, String container, String tag) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(container)) {
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element ce && (tag == null || ce.getTagName().equals(tag))) {
                        result.add(ce);
                    }
                }
            }
        }
        return result;
    }

    private static String text(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    private static Map<String, List<String>> table(String... facts) {
        Map<String, List<String>> map = new TreeMap<>();
        for (int i = 0; i < facts.length; i += 3) {
            map.put(facts[i], java.util.Arrays.asList(facts[i + 1], facts[i + 2]));
        }
        return map;
    }
}
