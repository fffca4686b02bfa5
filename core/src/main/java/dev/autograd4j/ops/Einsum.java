package dev.autograd4j.ops;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.einsum} for one or two operands, composed from sum, permute, reshape and bmm (so it is differentiable
 * through their table entries). Like PyTorch's sumproduct_pair, the two-operand case groups the letters into batch
 * (in both inputs and the output), contracted (in both, not the output) and free letters, and does one bmm.
 * Not supported: ellipsis, a letter repeated within one operand, more than two operands.
 */
public final class Einsum {
    private Einsum() {}

    /** {@code Einsum.einsum("ij,jk->ik", a, b)} is {@code a.mm(b)}. */
    public static Tensor einsum(String equation, Tensor... operands) {
        String eq = equation.replace(" ", "");
        if (eq.contains(".")) throw new UnsupportedOperationException("einsum(): ellipsis ('...') is not supported: " + equation);
        int arrow = eq.indexOf("->");
        String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        String[] terms = lhs.split(",", -1);
        if (terms.length != operands.length) {
            throw new IllegalArgumentException("einsum(): more operands were provided than specified in the equation"
                    .replace("more", terms.length < operands.length ? "more" : "fewer") + ": " + equation);
        }
        if (terms.length > 2) throw new UnsupportedOperationException("einsum(): at most two operands are supported: " + equation);
        for (int i = 0; i < terms.length; i++) {
            String t = terms[i];
            if (t.length() != operands[i].dim()) {
                throw new IllegalArgumentException("einsum(): the number of subscripts in the equation (" + t.length()
                        + ") does not match the number of dimensions (" + operands[i].dim() + ") for operand " + i);
            }
            for (int k = 0; k < t.length(); k++) {
                char ch = t.charAt(k);
                if (!Character.isLetter(ch)) throw new IllegalArgumentException("einsum(): invalid subscript given at index " + k + " in the equation string: " + equation);
                if (t.indexOf(ch) != k) throw new UnsupportedOperationException("einsum(): repeated subscript '" + ch + "' in one operand is not supported");
            }
        }
        String out = arrow >= 0 ? eq.substring(arrow + 2) : implicitOutput(terms);
        int[] size = new int[128];
        Arrays.fill(size, -1);
        for (int i = 0; i < terms.length; i++) {
            for (int k = 0; k < terms[i].length(); k++) {
                char ch = terms[i].charAt(k);
                int s = operands[i].size(k);
                if (size[ch] >= 0 && size[ch] != s) {
                    throw new IllegalArgumentException("einsum(): operands do not broadcast with remapped shapes (original->remapped): subscript '"
                            + ch + "' has size " + size[ch] + " for one operand and " + s + " for another");
                }
                size[ch] = s;
            }
        }
        for (char ch : out.toCharArray()) {
            if (size[ch] < 0) throw new IllegalArgumentException("einsum(): output subscript " + ch + " does not appear in the equation for any input operand");
        }
        if (terms.length == 1) return single(operands[0], terms[0], out);
        return pair(operands[0], terms[0], operands[1], terms[1], out, size);
    }

    private static String implicitOutput(String[] terms) {
        StringBuilder sb = new StringBuilder();
        String all = String.join("", terms);
        for (char ch = 'A'; ch <= 'z'; ch++) {
            if (Character.isLetter(ch) && all.indexOf(ch) >= 0 && all.indexOf(ch) == all.lastIndexOf(ch)) sb.append(ch);
        }
        return sb.toString();
    }

    /** Sums the letters of x not in keep; returns the reduced tensor and its remaining letters. */
    private static Object[] sumOut(Tensor x, String letters, String keep) {
        List<Integer> dims = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (int k = 0; k < letters.length(); k++) {
            if (keep.indexOf(letters.charAt(k)) < 0) dims.add(k);
            else rest.append(letters.charAt(k));
        }
        if (dims.isEmpty()) return new Object[]{x, letters};
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        return new Object[]{x.sum(d, false), rest.toString()};
    }

    private static Tensor single(Tensor x, String letters, String out) {
        Object[] r = sumOut(x, letters, out);
        return permuteTo((Tensor) r[0], (String) r[1], out);
    }

    private static Tensor permuteTo(Tensor x, String letters, String out) {
        if (letters.equals(out)) return x;
        int[] perm = new int[out.length()];
        for (int i = 0; i < out.length(); i++) perm[i] = letters.indexOf(out.charAt(i));
        return x.permute(perm);
    }

    private static Tensor pair(Tensor a, String la, Tensor b, String lb, String out, int[] size) {
        Object[] ra = sumOut(a, la, out + lb);
        Object[] rb = sumOut(b, lb, out + la);
        a = (Tensor) ra[0];
        la = (String) ra[1];
        b = (Tensor) rb[0];
        lb = (String) rb[1];
        StringBuilder batch = new StringBuilder(), left = new StringBuilder(), contract = new StringBuilder(), right = new StringBuilder();
        for (char ch : la.toCharArray()) {
            boolean inB = lb.indexOf(ch) >= 0, inOut = out.indexOf(ch) >= 0;
            if (inB && inOut) batch.append(ch);
            else if (inB) contract.append(ch);
            else left.append(ch);
        }
        for (char ch : lb.toCharArray()) if (la.indexOf(ch) < 0) right.append(ch);
        int pb = prod(batch, size), pl = prod(left, size), pc = prod(contract, size), pr = prod(right, size);
        Tensor a3 = permuteTo(a, la, "" + batch + left + contract).reshape(pb, pl, pc);
        Tensor b3 = permuteTo(b, lb, "" + batch + contract + right).reshape(pb, pc, pr);
        Tensor prodT = pb == 1 ? a3.reshape(pl, pc).mm(b3.reshape(pc, pr)) : a3.bmm(b3);
        String have = "" + batch + left + right;
        int[] shape = new int[have.length()];
        for (int i = 0; i < shape.length; i++) shape[i] = size[have.charAt(i)];
        return permuteTo(prodT.reshape(shape), have, out);
    }

    private static int prod(CharSequence letters, int[] size) {
        int p = 1;
        for (int i = 0; i < letters.length(); i++) p *= size[letters.charAt(i)];
        return p;
    }
}
