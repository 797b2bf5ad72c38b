// The embedded gazetteer in compiled form: the .tpg that toponym-compile-gazetteer writes from
// gazetteer/syria.tsv at build time (CMake passes its path), pulled in by the assembler.
//
// Why an object of its own, outside toponym_lib: the tool that writes these bytes links the
// library, so the library cannot hold them. toponym and the tests link this object as well
// (CMakeLists.txt adds it to whatever links toponym_lib, except the tool); embedded.cpp refers
// to the symbols weakly and, where they are absent, Gazetteer::embedded() parses the TSV.
//
// 64-byte alignment: the loader reads 8-byte numbers in place (sections are 8-byte aligned
// relative to the start) and checks that the start is 8-byte aligned.
__asm__(
    ".pushsection .rodata\n"
    ".balign 64\n"
    ".globl toponym_embedded_tpg_begin\n"
    ".type toponym_embedded_tpg_begin, @object\n"
    "toponym_embedded_tpg_begin:\n"
    ".incbin \"" TOPONYM_EMBED_TPG "\"\n"
    ".globl toponym_embedded_tpg_end\n"
    ".type toponym_embedded_tpg_end, @object\n"
    "toponym_embedded_tpg_end:\n"
    ".byte 0\n"
    ".popsection\n");
