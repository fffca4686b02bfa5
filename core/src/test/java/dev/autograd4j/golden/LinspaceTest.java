package dev.autograd4j.golden;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@code Tensor.linspace} gives PyTorch's float32 values bit for bit (fixture: tools/golden/gen_linspace.py). */
class LinspaceTest {
    @TestFactory
    List<DynamicTest> linspaceMatchesTorchBitForBit() throws IOException {
        String json;
        try (InputStream in = LinspaceTest.class.getResourceAsStream("/golden/linspace.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Object> cases = GoldenFixture.asList(GoldenFixture.asMap(GoldenFixture.parse(json)).get("cases"));
        return cases.stream().map(o -> {
            Map<String, Object> c = GoldenFixture.asMap(o);
            double start = GoldenFixture.toDouble(c.get("start")), end = GoldenFixture.toDouble(c.get("end"));
            int steps = (int) GoldenFixture.toDouble(c.get("steps"));
            List<Object> data = GoldenFixture.asList(c.get("data"));
            float[] expected = new float[data.size()];
            for (int i = 0; i < expected.length; i++) expected[i] = (float) GoldenFixture.toDouble(data.get(i));
            return DynamicTest.dynamicTest("linspace(" + start + ", " + end + ", " + steps + ")",
                    () -> assertArrayEquals(expected, Tensor.linspace(start, end, steps).toFloatArray()));
        }).toList();
    }
}
