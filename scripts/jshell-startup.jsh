// Loaded by scripts/jshell after jshell's DEFAULT startup: the imports a PyTorch tutorial needs.
import dev.autograd4j.*;
import dev.autograd4j.autograd.*;
import java.util.*;
