package org.inventory.chaos.report;

import org.inventory.chaos.history.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineSvgTest {

    @TempDir
    Path dir;

    @Test
    void isWellFormedWithAShadedWindowPerFaultAndALegend() throws Exception {
        SyntheticHistory h = SyntheticHistory.small();
        Path svg = dir.resolve("timeline.svg");
        TimelineSvg.write(h.history, svg);

        Document doc = parse(Files.readAllBytes(svg));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");

        List<Element> windows = byClass(doc, "rect", "fault-window");
        assertThat(windows).hasSize(2);
        List<Element> groups = byClass(doc, "g", "fault");
        assertThat(groups).extracting(g -> g.getAttribute("data-kind")).containsExactly("kill", "partition-bridge");
        assertThat(groups.get(0).getTextContent()).contains("kill n3 (leader)");
        assertThat(groups.get(1).getTextContent()).contains("partition-bridge n1,n2,n4");
        // shaded from x(4 s) to x(6.5 s): the window's width is in proportion to its length
        double w0 = Double.parseDouble(windows.get(0).getAttribute("width"));
        double w1 = Double.parseDouble(windows.get(1).getAttribute("width"));
        assertThat(w1 / w0).isCloseTo(5 / 2.5, org.assertj.core.data.Offset.offset(0.05));

        Element legend = byId(doc, "legend");
        assertThat(legend).isNotNull();
        assertThat(legend.getTextContent()).contains("ok", "fail", "info", "fault: kill", "fault: partition-bridge",
                "p99");

        assertThat(byClass(doc, "g", "lane")).extracting(g -> g.getAttribute("data-f"))
                .containsExactly("reserve", "commit", "release", "receipt", "adjust");
    }

    @Test
    void escapesTextAndSurvivesAnUnhealedFaultAndAnEmptyHistory() throws Exception {
        List<Op> ops = new ArrayList<>();
        ops.add(new Op(0, 1_000_000_000L, 0, "nemesis", Op.Type.invoke, "start", 1, "",
                Map.of("kind", "weird<&>\"'kind", "nodes", List.of("n1"))));
        ops.add(new Op(1, 2_000_000_000L, 0, "c1", Op.Type.invoke, "reserve", 2, "n1", Map.of()));
        ops.add(new Op(2, 2_100_000_000L, 0, "c1", Op.Type.ok, "reserve", 2, "n1", Map.of()));
        String svg = TimelineSvg.render(ops, "run <1> & \u0001 co");
        Document doc = parse(svg.getBytes(StandardCharsets.UTF_8));
        assertThat(byClass(doc, "rect", "fault-window")).hasSize(1);
        assertThat(doc.getDocumentElement().getTextContent()).contains("weird<&>\"'kind n1 (not healed)",
                "run <1> & ? co");

        parse(TimelineSvg.render(List.of(), null).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void staysSmallWith200000Operations() throws Exception {
        for (double seconds : new double[]{600, 20}) {
            SyntheticHistory h = SyntheticHistory.large(200_000, seconds);
            Path svg = dir.resolve("big-" + (int) seconds + ".svg");
            TimelineSvg.write(h.history, svg);
            long size = Files.size(svg);
            assertThat(size).as("%s s: %d bytes", seconds, size).isLessThan(2_000_000);
            Document doc = parse(Files.readAllBytes(svg));
            assertThat(byClass(doc, "rect", "fault-window")).hasSize(h.faults.size());
            assertThat(doc.getElementsByTagName("*").getLength()).isLessThan(5_000);
        }
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<Element> byClass(Document doc, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }
}
