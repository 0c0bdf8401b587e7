#ifndef CMSKIT_CLIBXML2_SHIM_H
#define CMSKIT_CLIBXML2_SHIM_H
// xmlversion.h first, then drop ICU: Debian builds libxml2 with ICU, and its UErrorCode clashes with
// Foundation's on a clean build ("'UErrorCode' has different definitions").
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer; Swift 6 rejects it as shared mutable state.
static inline void cmskit_xmlFree(void *pointer) { xmlFree(pointer); }

/// Silences libxml2's default error printing to stderr; diagnostics are the caller's job.
static void cmskit_silentError(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void cmskit_silenceErrors(void) {
    xmlSetGenericErrorFunc(NULL, cmskit_silentError);
}
#endif
