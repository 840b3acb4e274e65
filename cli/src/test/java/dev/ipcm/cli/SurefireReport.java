package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Surefire reported for one test class, read back as a CI dashboard reads it: the header
 * and test cases of {@code TEST-<class>.xml}, and the summary line of {@code <class>.txt}.
 */
record SurefireReport(String name, int testsInHeader, List<Case> cases, String summary) {
    private static final Pattern TESTS_RUN = Pattern.compile("Tests run: (\\d+),");

    /** One {@code <testcase>}: what a dashboard shows for a run. */
    record Case(String className, String name) {}

    static SurefireReport read(Path reports, String testClass) throws Exception {
        Path xml = reports.resolve("TEST-" + testClass + ".xml");
        assertThat(xml).as("Surefire's XML report for " + testClass).exists();
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        NodeList nodes = suite.getElementsByTagName("testcase");
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element c = (Element) nodes.item(i);
            cases.add(new Case(c.getAttribute("classname"), c.getAttribute("name")));
        }
        return new SurefireReport(testClass, Integer.parseInt(suite.getAttribute("tests")), cases,
                summary(reports.resolve(testClass + ".txt")));
    }

    private static String summary(Path txt) throws IOException {
        assertThat(txt).as("Surefire's text report").exists();
        return Files.readAllLines(txt).stream().filter(l -> l.startsWith("Tests run:")).findFirst().orElse("");
    }

    /** The XML header and the console's (text report's) summary both count every test case. */
    void assertCountsEveryCase() {
        assertThat(testsInHeader).as("tests=\"...\" in the XML header of " + name).isEqualTo(cases.size());
        Matcher run = TESTS_RUN.matcher(summary);
        assertThat(run.find()).as("a 'Tests run:' summary for " + name + ": " + summary).isTrue();
        assertThat(Integer.parseInt(run.group(1))).as("the console's count for " + name + ": " + summary)
                .isEqualTo(cases.size());
    }
}
