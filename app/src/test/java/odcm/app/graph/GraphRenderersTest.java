package odcm.app.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import odcm.model.Refusal;
import odcm.model.lifecycle.composite.CompositeLifecycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** SVG and PNG of the four shapes; also writes them to target/graphs so a person can look at them. */
class GraphRenderersTest {
    static final Path GRAPHS = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("graphs");

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void svgIsWellFormedWithALegendAndARedEdgeWhereTrustIsMissing() throws Exception {
        GraphLayout layout = LifecycleLayout.layout(Shapes.geographic());
        String svg = SvgRenderer.render(layout, "Web <composite> & more");
        Document doc = parse(svg);

        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertTrue(doc.getElementById("legend") != null || svg.contains("id=\"legend\""), "has a legend");
        for (String words : new String[] {"trusted", "not trusted", "cannot be checked from here"}) {
            assertTrue(svg.contains(">" + words + "</text>"), "legend says " + words);
        }
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        int red = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("edge promotion not-trusted")) {
                Element line = (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").item(0);
                assertEquals(GraphStyle.NOT_TRUSTED, line.getAttribute("stroke"));
                assertTrue(g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength() > 0, "with a marker");
                red++;
            }
        }
        assertEquals(1, red, "Prod US does not trust DevTest");
        assertTrue(svg.contains("class=\"node phase error\""), "the phase with the untrusted promotion is outlined");
    }

    /** A template's box is dashed and its live instance's dotted in the exported drawing, as on the Pipeline screen (0057). */
    @Test
    void svgDrawsATemplateDashedAndItsInstanceDotted() throws Exception {
        Shapes o = new Shapes();
        odcm.model.space.Space dev = o.local("DevTest Space");
        odcm.model.lifecycle.Lifecycle stored = o.lifecycle(dev, "Branches", true,
                Shapes.phase("Review", new odcm.model.lifecycle.PhaseMember.TemplateMember(7, "Feature")), Shapes.phase("Test", Shapes.env("Test")));
        o.project(dev, "Web", o.replace(stored.withInstances(java.util.Map.of(7L, List.of(new odcm.model.environment.Environment(20, dev.id(),
                "feature-1.0", "", 1, 7L, "Feature", null))))));
        Document doc = parse(SvgRenderer.render(LifecycleLayout.layout(o.compose(dev, "Web")), "Web"));
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        java.util.Map<String, String> dashes = new java.util.TreeMap<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").startsWith("node ")) {
                Element rect = (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
                dashes.put(g.getAttribute("class"), rect.getAttribute("stroke-dasharray"));
            }
        }
        assertEquals("6 4", dashes.get("node template"));
        assertEquals("2 2", dashes.get("node instance"));
        assertEquals("", dashes.get("node environment"), "an environment solid");
    }

    @Test
    void pngDecodesAtTheExpectedSizeHeadless() throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless(), "the test run is headless, as the command line may be");
        GraphLayout layout = LifecycleLayout.layout(Shapes.thereAndBack());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngRenderer.png(layout, 2)));
        assertEquals((int) Math.ceil(GraphPainter.pictureWidth(layout) * 2), image.getWidth());
        assertEquals((int) Math.ceil(GraphPainter.pictureHeight(layout) * 2), image.getHeight());
    }

    @Test
    void svgNumbersHaveOneDecimalAtMost() {
        assertEquals("12", SvgRenderer.n(12.0));
        assertEquals("12.5", SvgRenderer.n(12.46));
        assertEquals("-0.5", SvgRenderer.n(-0.5));
        assertEquals("0", SvgRenderer.n(-0.01));
        assertEquals("1000.1", SvgRenderer.n(1000.05));
    }

    @Test
    void refusesAnUnknownExtension(@TempDir Path dir) {
        GraphLayout layout = LifecycleLayout.layout(Shapes.basic());
        Refusal r = org.junit.jupiter.api.Assertions.assertThrows(Refusal.class, () -> GraphFiles.write(layout, "x", dir.resolve("x.jpg")));
        assertTrue(r.getMessage().contains(".svg or .png"));
    }

    @Test
    void writesTheFourShapesToLookAt() throws Exception {
        Files.createDirectories(GRAPHS);
        for (Map.Entry<String, CompositeLifecycle> shape : Map.of("1-basic", Shapes.basic(), "2-geographic", Shapes.geographic(),
                "3-there-and-back", Shapes.thereAndBack(), "4-through-spaces", Shapes.throughSpaces()).entrySet()) {
            GraphLayout layout = LifecycleLayout.layout(shape.getValue());
            Path png = GRAPHS.resolve(shape.getKey() + ".png");
            Path svg = GRAPHS.resolve(shape.getKey() + ".svg");
            GraphFiles.write(layout, "Web: " + shape.getKey(), png);
            GraphFiles.write(layout, "Web: " + shape.getKey(), svg);
            assertTrue(ImageIO.read(png.toFile()).getWidth() > 200);
            parse(Files.readString(svg, StandardCharsets.UTF_8));
        }
    }
}
