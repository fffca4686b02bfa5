// Loaded by scripts/jshell after jshell's DEFAULT startup: the imports a PyTorch tutorial needs.
import dev.autograd4j.*;
import dev.autograd4j.autograd.*;
import dev.autograd4j.nn.*;
import dev.autograd4j.optim.*;
import java.util.*;
// nn.Module, not java.lang.Module (both would be on-demand imports, and the name would be ambiguous)
import dev.autograd4j.nn.Module;
