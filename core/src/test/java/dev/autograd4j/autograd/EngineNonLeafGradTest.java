package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** autograd.grad with respect to a non-leaf tensor (expected values printed by PyTorch 1.13). */
class EngineNonLeafGradTest {
    @Test
    void gradWithRespectToANonLeafRunsTheNodesThatFeedIt() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_();
        Tensor d = x.mul(1);
        List<Tensor> g = Autograd.grad(List.of(d.pow(3).sum()), List.of(d));
        assertEquals("[tensor([ 3., 12.], dtype=torch.float64)]", g.toString());
    }

    @Test
    void gradWithRespectToANonLeafAndALeafTogether() {
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_();
        Tensor d = x.mul(1);
        Tensor e = d.mul(2);
        List<Tensor> g = Autograd.grad(List.of(e.mul(x).sum()), List.of(d, x));
        assertEquals("[tensor([2., 4.], dtype=torch.float64), tensor([4., 8.], dtype=torch.float64)]", g.toString());
    }
}
