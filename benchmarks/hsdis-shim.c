/* hsdis for JDK 9+ over Debian's libhsdis0-fcml, which exports only the old decode_instructions: see docs/benchmarks.md.
   gcc -O2 -shared -fPIC -o $JAVA_HOME/lib/hsdis-amd64.so benchmarks/hsdis-shim.c -ldl */
#include <dlfcn.h>
#include <stdint.h>
typedef void* (*ev_t)(void*, const char*, void*);
typedef int (*pr_t)(void*, const char*, ...);
typedef void* (*old_t)(void*, void*, ev_t, void*, pr_t, void*, const char*);
void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char* buffer, uintptr_t length,
    ev_t event_callback, void* event_stream, pr_t printf_callback, void* printf_stream, const char* options, int newline) {
  static old_t f = 0;
  if (!f) { void* h = dlopen("/usr/lib/x86_64-linux-gnu/libhsdis.so.0", RTLD_NOW); if (!h) return 0; f = (old_t) dlsym(h, "decode_instructions"); if (!f) return 0; }
  return f((void*)buffer, (void*)(buffer + length), event_callback, event_stream, printf_callback, printf_stream, options);
}
