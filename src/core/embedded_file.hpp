// Files compiled into the binary. The assembler's .incbin pulls a file in at build time, so the
// binary needs no data files at run time and the bytes are not copied at start-up.
//
//   TOPONYM_EMBED_FILE(name, "path")
//
// at namespace scope (inside the namespace where `name` belongs) defines
// `std::string_view name()`: the file's bytes, 16-byte aligned, with a NUL after them (not part
// of the view). The path is a string literal, usually a macro CMake passes to that source file;
// CMake must also list the file in the source's OBJECT_DEPENDS so that a change rebuilds it.
// The symbols stay local to the object file, so two files may use the same name.
#pragma once

#include <cstddef>
#include <string_view>

#define TOPONYM_EMBED_FILE(name, path)                                                              \
    __asm__(".pushsection .rodata\n"                                                                \
            ".balign 16\n"                                                                          \
            "toponym_file_" #name "_begin:\n"                                                       \
            ".incbin \"" path "\"\n"                                                                \
            "toponym_file_" #name "_end:\n"                                                         \
            ".byte 0\n"                                                                             \
            ".popsection\n");                                                                       \
    extern "C" const char toponym_file_##name##_begin[];                                            \
    extern "C" const char toponym_file_##name##_end[];                                              \
    std::string_view name() {                                                                       \
        return {toponym_file_##name##_begin,                                                        \
                static_cast<std::size_t>(toponym_file_##name##_end - toponym_file_##name##_begin)}; \
    }
