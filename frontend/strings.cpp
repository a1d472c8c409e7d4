// frontend/strings.cpp — string literals: prefixes, escape decoding of str and bytes,
// implicit concatenation, and f-strings (their literal parts, replacement fields,
// conversions and format specs), producing the Constant / JoinedStr that CPython 3.11
// produces, with its positions and its error messages.
//
// CPython 3.11 still parses f-strings by hand (Parser/string_parser.c) rather than in
// the grammar; several of its observable quirks follow from that and are reproduced on
// purpose:
//  - the parts of a JoinedStr (Constant, FormattedValue) carry the position of the
//    whole run of adjacent string tokens, not their own;
//  - a format spec's JoinedStr, and the last Constant inside it, carry the position of
//    the token that holds the field;
//  - kind='u' comes from the first token of the run starting with a lowercase 'u';
//  - an expression's columns come from where its '{' is, counted in the token's text
//    (see locate_expression), and the sub-parser's own column rule;
//  - errors raised here point at the token after the run (the parser's lookahead at
//    the time CPython raised them).
//
// The reference is CPython 3.11.2 (/usr/bin/python3.11); later 3.11 releases moved
// "bytes can only contain ASCII literal characters" onto the offending token.
#include "frontend/strings.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/lexer.h"
#include "frontend/parser.h"

namespace strata {

namespace {

// -- Errors --------------------------------------------------------------------------

// Errors that CPython raises with RAISE_SYNTAX_ERROR while handling a run of strings
// point at the last token the parser had fetched: the one after the run. The token
// array always holds it (a run of STRING tokens is never last: ENDMARKER follows).
bool fail_after_run(SyntaxErrorInfo& error, const Token* after, std::string msg) {
  error.type = "SyntaxError";
  error.msg = std::move(msg);
  error.lineno = after->lineno;
  error.col_offset = after->col_offset;
  error.end_lineno = after->end_lineno;
  error.end_col_offset = after->end_col_offset;
  return false;
}

// -- UTF-8 output --------------------------------------------------------------------

// Code points from escapes, surrogates included (as their 3-byte forms).
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 16;
}

// -- \N{name} ------------------------------------------------------------------------

// The name aliases (NameAliases.txt) that Python 3.11's \N{} accepts, sorted by name.
struct Alias {
  const char* name;
  uint32_t cp;
};
constexpr Alias kAliases[] = {
    {"ACK", 0x6}, {"ACKNOWLEDGE", 0x6}, {"ALERT", 0x7}, {"ALM", 0x61C}, {"APC", 0x9F},
    {"APPLICATION PROGRAM COMMAND", 0x9F}, {"BACKSPACE", 0x8}, {"BEL", 0x7},
    {"BOM", 0xFEFF}, {"BPH", 0x82}, {"BREAK PERMITTED HERE", 0x82}, {"BS", 0x8},
    {"BYTE ORDER MARK", 0xFEFF},
    {"BYZANTINE MUSICAL SYMBOL FTHORA SKLIRON CHROMA VASIS", 0x1D0C5}, {"CAN", 0x18},
    {"CANCEL", 0x18}, {"CANCEL CHARACTER", 0x94}, {"CARRIAGE RETURN", 0xD}, {"CCH", 0x94},
    {"CGJ", 0x34F}, {"CHARACTER TABULATION", 0x9}, {"CHARACTER TABULATION SET", 0x88},
    {"CHARACTER TABULATION WITH JUSTIFICATION", 0x89},
    {"CONTROL SEQUENCE INTRODUCER", 0x9B}, {"CR", 0xD}, {"CSI", 0x9B},
    {"CUNEIFORM SIGN NU11 OVER NU11 BUR OVER BUR", 0x122D5},
    {"CUNEIFORM SIGN NU11 TENU", 0x122D4}, {"DATA LINK ESCAPE", 0x10}, {"DC1", 0x11},
    {"DC2", 0x12}, {"DC3", 0x13}, {"DC4", 0x14}, {"DCS", 0x90}, {"DEL", 0x7F},
    {"DELETE", 0x7F}, {"DEVICE CONTROL FOUR", 0x14}, {"DEVICE CONTROL ONE", 0x11},
    {"DEVICE CONTROL STRING", 0x90}, {"DEVICE CONTROL THREE", 0x13},
    {"DEVICE CONTROL TWO", 0x12}, {"DLE", 0x10}, {"END OF GUARDED AREA", 0x97},
    {"END OF LINE", 0xA}, {"END OF MEDIUM", 0x19}, {"END OF PROTECTED AREA", 0x97},
    {"END OF SELECTED AREA", 0x87}, {"END OF TEXT", 0x3}, {"END OF TRANSMISSION", 0x4},
    {"END OF TRANSMISSION BLOCK", 0x17}, {"ENQ", 0x5}, {"ENQUIRY", 0x5}, {"EOL", 0xA},
    {"EOM", 0x19}, {"EOT", 0x4}, {"EPA", 0x97}, {"ESA", 0x87}, {"ESC", 0x1B},
    {"ESCAPE", 0x1B}, {"ETB", 0x17}, {"ETX", 0x3}, {"FF", 0xC}, {"FILE SEPARATOR", 0x1C},
    {"FORM FEED", 0xC}, {"FS", 0x1C}, {"FSI", 0x2068}, {"FVS1", 0x180B}, {"FVS2", 0x180C},
    {"FVS3", 0x180D}, {"FVS4", 0x180F}, {"GROUP SEPARATOR", 0x1D}, {"GS", 0x1D},
    {"HANGUL JONGSEONG SSANGYESIEUNG", 0x11EE},
    {"HANGUL JONGSEONG YESIEUNG-KHIEUKH", 0x11EF},
    {"HANGUL JONGSEONG YESIEUNG-KIYEOK", 0x11EC},
    {"HANGUL JONGSEONG YESIEUNG-SSANGKIYEOK", 0x11ED}, {"HENTAIGANA LETTER E-1", 0x1B001},
    {"HIGH OCTET PRESET", 0x81}, {"HOP", 0x81}, {"HORIZONTAL TABULATION", 0x9},
    {"HORIZONTAL TABULATION SET", 0x88}, {"HORIZONTAL TABULATION WITH JUSTIFICATION", 0x89},
    {"HT", 0x9}, {"HTJ", 0x89}, {"HTS", 0x88}, {"IND", 0x84}, {"INDEX", 0x84},
    {"INFORMATION SEPARATOR FOUR", 0x1C}, {"INFORMATION SEPARATOR ONE", 0x1F},
    {"INFORMATION SEPARATOR THREE", 0x1D}, {"INFORMATION SEPARATOR TWO", 0x1E},
    {"KANNADA LETTER LLLA", 0xCDE}, {"LAO LETTER FO FAY", 0xE9F},
    {"LAO LETTER FO FON", 0xE9D}, {"LAO LETTER LO", 0xEA5}, {"LAO LETTER RO", 0xEA3},
    {"LATIN CAPITAL LETTER GHA", 0x1A2}, {"LATIN SMALL LETTER GHA", 0x1A3},
    {"LEFTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE", 0x2B7A}, {"LF", 0xA},
    {"LINE FEED", 0xA}, {"LINE TABULATION", 0xB}, {"LINE TABULATION SET", 0x8A},
    {"LOCKING-SHIFT ONE", 0xE}, {"LOCKING-SHIFT ZERO", 0xF}, {"LRE", 0x202A},
    {"LRI", 0x2066}, {"LRM", 0x200E}, {"LRO", 0x202D},
    {"MEDEFAIDRIN CAPITAL LETTER H", 0x16E56}, {"MEDEFAIDRIN CAPITAL LETTER NG", 0x16E57},
    {"MEDEFAIDRIN SMALL LETTER H", 0x16E76}, {"MEDEFAIDRIN SMALL LETTER NG", 0x16E77},
    {"MESSAGE WAITING", 0x95}, {"MICR DASH SYMBOL", 0x2449}, {"MICR ON US SYMBOL", 0x2448},
    {"MMSP", 0x205F}, {"MVS", 0x180E}, {"MW", 0x95}, {"MYANMAR LETTER KHAMTI LLA", 0xAA6E},
    {"NAK", 0x15}, {"NBH", 0x83}, {"NBSP", 0xA0}, {"NEGATIVE ACKNOWLEDGE", 0x15},
    {"NEL", 0x85}, {"NEW LINE", 0xA}, {"NEXT LINE", 0x85}, {"NL", 0xA}, {"NNBSP", 0x202F},
    {"NO BREAK HERE", 0x83}, {"NUL", 0x0}, {"NULL", 0x0},
    {"OPERATING SYSTEM COMMAND", 0x9D}, {"OSC", 0x9D}, {"PAD", 0x80},
    {"PADDING CHARACTER", 0x80}, {"PARTIAL LINE BACKWARD", 0x8C},
    {"PARTIAL LINE DOWN", 0x8B}, {"PARTIAL LINE FORWARD", 0x8B}, {"PARTIAL LINE UP", 0x8C},
    {"PDF", 0x202C}, {"PDI", 0x2069}, {"PLD", 0x8B}, {"PLU", 0x8C}, {"PM", 0x9E},
    {"PRESENTATION FORM FOR VERTICAL RIGHT WHITE LENTICULAR BRACKET", 0xFE18},
    {"PRIVACY MESSAGE", 0x9E}, {"PRIVATE USE ONE", 0x91}, {"PRIVATE USE TWO", 0x92},
    {"PRIVATE USE-1", 0x91}, {"PRIVATE USE-2", 0x92}, {"PU1", 0x91}, {"PU2", 0x92},
    {"RECORD SEPARATOR", 0x1E}, {"REVERSE INDEX", 0x8D}, {"REVERSE LINE FEED", 0x8D},
    {"RI", 0x8D}, {"RIGHTWARDS TRIANGLE-HEADED ARROW WITH DOUBLE VERTICAL STROKE", 0x2B7C},
    {"RLE", 0x202B}, {"RLI", 0x2067}, {"RLM", 0x200F}, {"RLO", 0x202E}, {"RS", 0x1E},
    {"SCI", 0x9A}, {"SET TRANSMIT STATE", 0x93}, {"SGC", 0x99}, {"SHIFT IN", 0xF},
    {"SHIFT OUT", 0xE}, {"SHY", 0xAD}, {"SI", 0xF}, {"SINGLE CHARACTER INTRODUCER", 0x9A},
    {"SINGLE GRAPHIC CHARACTER INTRODUCER", 0x99}, {"SINGLE SHIFT THREE", 0x8F},
    {"SINGLE SHIFT TWO", 0x8E}, {"SINGLE-SHIFT-2", 0x8E}, {"SINGLE-SHIFT-3", 0x8F},
    {"SO", 0xE}, {"SOH", 0x1}, {"SOS", 0x98}, {"SP", 0x20}, {"SPA", 0x96}, {"SS2", 0x8E},
    {"SS3", 0x8F}, {"SSA", 0x86}, {"ST", 0x9C}, {"START OF GUARDED AREA", 0x96},
    {"START OF HEADING", 0x1}, {"START OF PROTECTED AREA", 0x96},
    {"START OF SELECTED AREA", 0x86}, {"START OF STRING", 0x98}, {"START OF TEXT", 0x2},
    {"STRING TERMINATOR", 0x9C}, {"STS", 0x93}, {"STX", 0x2}, {"SUB", 0x1A},
    {"SUBSTITUTE", 0x1A}, {"SYN", 0x16}, {"SYNCHRONOUS IDLE", 0x16},
    {"SYRIAC SUBLINEAR COLON SKEWED LEFT", 0x709}, {"TAB", 0x9},
    {"TIBETAN MARK BKA- SHOG GI MGO RGYAN", 0xFD0}, {"UNIT SEPARATOR", 0x1F}, {"US", 0x1F},
    {"VERTICAL TABULATION", 0xB}, {"VERTICAL TABULATION SET", 0x8A}, {"VS1", 0xFE00},
    {"VS10", 0xFE09}, {"VS100", 0xE0153}, {"VS101", 0xE0154}, {"VS102", 0xE0155},
    {"VS103", 0xE0156}, {"VS104", 0xE0157}, {"VS105", 0xE0158}, {"VS106", 0xE0159},
    {"VS107", 0xE015A}, {"VS108", 0xE015B}, {"VS109", 0xE015C}, {"VS11", 0xFE0A},
    {"VS110", 0xE015D}, {"VS111", 0xE015E}, {"VS112", 0xE015F}, {"VS113", 0xE0160},
    {"VS114", 0xE0161}, {"VS115", 0xE0162}, {"VS116", 0xE0163}, {"VS117", 0xE0164},
    {"VS118", 0xE0165}, {"VS119", 0xE0166}, {"VS12", 0xFE0B}, {"VS120", 0xE0167},
    {"VS121", 0xE0168}, {"VS122", 0xE0169}, {"VS123", 0xE016A}, {"VS124", 0xE016B},
    {"VS125", 0xE016C}, {"VS126", 0xE016D}, {"VS127", 0xE016E}, {"VS128", 0xE016F},
    {"VS129", 0xE0170}, {"VS13", 0xFE0C}, {"VS130", 0xE0171}, {"VS131", 0xE0172},
    {"VS132", 0xE0173}, {"VS133", 0xE0174}, {"VS134", 0xE0175}, {"VS135", 0xE0176},
    {"VS136", 0xE0177}, {"VS137", 0xE0178}, {"VS138", 0xE0179}, {"VS139", 0xE017A},
    {"VS14", 0xFE0D}, {"VS140", 0xE017B}, {"VS141", 0xE017C}, {"VS142", 0xE017D},
    {"VS143", 0xE017E}, {"VS144", 0xE017F}, {"VS145", 0xE0180}, {"VS146", 0xE0181},
    {"VS147", 0xE0182}, {"VS148", 0xE0183}, {"VS149", 0xE0184}, {"VS15", 0xFE0E},
    {"VS150", 0xE0185}, {"VS151", 0xE0186}, {"VS152", 0xE0187}, {"VS153", 0xE0188},
    {"VS154", 0xE0189}, {"VS155", 0xE018A}, {"VS156", 0xE018B}, {"VS157", 0xE018C},
    {"VS158", 0xE018D}, {"VS159", 0xE018E}, {"VS16", 0xFE0F}, {"VS160", 0xE018F},
    {"VS161", 0xE0190}, {"VS162", 0xE0191}, {"VS163", 0xE0192}, {"VS164", 0xE0193},
    {"VS165", 0xE0194}, {"VS166", 0xE0195}, {"VS167", 0xE0196}, {"VS168", 0xE0197},
    {"VS169", 0xE0198}, {"VS17", 0xE0100}, {"VS170", 0xE0199}, {"VS171", 0xE019A},
    {"VS172", 0xE019B}, {"VS173", 0xE019C}, {"VS174", 0xE019D}, {"VS175", 0xE019E},
    {"VS176", 0xE019F}, {"VS177", 0xE01A0}, {"VS178", 0xE01A1}, {"VS179", 0xE01A2},
    {"VS18", 0xE0101}, {"VS180", 0xE01A3}, {"VS181", 0xE01A4}, {"VS182", 0xE01A5},
    {"VS183", 0xE01A6}, {"VS184", 0xE01A7}, {"VS185", 0xE01A8}, {"VS186", 0xE01A9},
    {"VS187", 0xE01AA}, {"VS188", 0xE01AB}, {"VS189", 0xE01AC}, {"VS19", 0xE0102},
    {"VS190", 0xE01AD}, {"VS191", 0xE01AE}, {"VS192", 0xE01AF}, {"VS193", 0xE01B0},
    {"VS194", 0xE01B1}, {"VS195", 0xE01B2}, {"VS196", 0xE01B3}, {"VS197", 0xE01B4},
    {"VS198", 0xE01B5}, {"VS199", 0xE01B6}, {"VS2", 0xFE01}, {"VS20", 0xE0103},
    {"VS200", 0xE01B7}, {"VS201", 0xE01B8}, {"VS202", 0xE01B9}, {"VS203", 0xE01BA},
    {"VS204", 0xE01BB}, {"VS205", 0xE01BC}, {"VS206", 0xE01BD}, {"VS207", 0xE01BE},
    {"VS208", 0xE01BF}, {"VS209", 0xE01C0}, {"VS21", 0xE0104}, {"VS210", 0xE01C1},
    {"VS211", 0xE01C2}, {"VS212", 0xE01C3}, {"VS213", 0xE01C4}, {"VS214", 0xE01C5},
    {"VS215", 0xE01C6}, {"VS216", 0xE01C7}, {"VS217", 0xE01C8}, {"VS218", 0xE01C9},
    {"VS219", 0xE01CA}, {"VS22", 0xE0105}, {"VS220", 0xE01CB}, {"VS221", 0xE01CC},
    {"VS222", 0xE01CD}, {"VS223", 0xE01CE}, {"VS224", 0xE01CF}, {"VS225", 0xE01D0},
    {"VS226", 0xE01D1}, {"VS227", 0xE01D2}, {"VS228", 0xE01D3}, {"VS229", 0xE01D4},
    {"VS23", 0xE0106}, {"VS230", 0xE01D5}, {"VS231", 0xE01D6}, {"VS232", 0xE01D7},
    {"VS233", 0xE01D8}, {"VS234", 0xE01D9}, {"VS235", 0xE01DA}, {"VS236", 0xE01DB},
    {"VS237", 0xE01DC}, {"VS238", 0xE01DD}, {"VS239", 0xE01DE}, {"VS24", 0xE0107},
    {"VS240", 0xE01DF}, {"VS241", 0xE01E0}, {"VS242", 0xE01E1}, {"VS243", 0xE01E2},
    {"VS244", 0xE01E3}, {"VS245", 0xE01E4}, {"VS246", 0xE01E5}, {"VS247", 0xE01E6},
    {"VS248", 0xE01E7}, {"VS249", 0xE01E8}, {"VS25", 0xE0108}, {"VS250", 0xE01E9},
    {"VS251", 0xE01EA}, {"VS252", 0xE01EB}, {"VS253", 0xE01EC}, {"VS254", 0xE01ED},
    {"VS255", 0xE01EE}, {"VS256", 0xE01EF}, {"VS26", 0xE0109}, {"VS27", 0xE010A},
    {"VS28", 0xE010B}, {"VS29", 0xE010C}, {"VS3", 0xFE02}, {"VS30", 0xE010D},
    {"VS31", 0xE010E}, {"VS32", 0xE010F}, {"VS33", 0xE0110}, {"VS34", 0xE0111},
    {"VS35", 0xE0112}, {"VS36", 0xE0113}, {"VS37", 0xE0114}, {"VS38", 0xE0115},
    {"VS39", 0xE0116}, {"VS4", 0xFE03}, {"VS40", 0xE0117}, {"VS41", 0xE0118},
    {"VS42", 0xE0119}, {"VS43", 0xE011A}, {"VS44", 0xE011B}, {"VS45", 0xE011C},
    {"VS46", 0xE011D}, {"VS47", 0xE011E}, {"VS48", 0xE011F}, {"VS49", 0xE0120},
    {"VS5", 0xFE04}, {"VS50", 0xE0121}, {"VS51", 0xE0122}, {"VS52", 0xE0123},
    {"VS53", 0xE0124}, {"VS54", 0xE0125}, {"VS55", 0xE0126}, {"VS56", 0xE0127},
    {"VS57", 0xE0128}, {"VS58", 0xE0129}, {"VS59", 0xE012A}, {"VS6", 0xFE05},
    {"VS60", 0xE012B}, {"VS61", 0xE012C}, {"VS62", 0xE012D}, {"VS63", 0xE012E},
    {"VS64", 0xE012F}, {"VS65", 0xE0130}, {"VS66", 0xE0131}, {"VS67", 0xE0132},
    {"VS68", 0xE0133}, {"VS69", 0xE0134}, {"VS7", 0xFE06}, {"VS70", 0xE0135},
    {"VS71", 0xE0136}, {"VS72", 0xE0137}, {"VS73", 0xE0138}, {"VS74", 0xE0139},
    {"VS75", 0xE013A}, {"VS76", 0xE013B}, {"VS77", 0xE013C}, {"VS78", 0xE013D},
    {"VS79", 0xE013E}, {"VS8", 0xFE07}, {"VS80", 0xE013F}, {"VS81", 0xE0140},
    {"VS82", 0xE0141}, {"VS83", 0xE0142}, {"VS84", 0xE0143}, {"VS85", 0xE0144},
    {"VS86", 0xE0145}, {"VS87", 0xE0146}, {"VS88", 0xE0147}, {"VS89", 0xE0148},
    {"VS9", 0xFE08}, {"VS90", 0xE0149}, {"VS91", 0xE014A}, {"VS92", 0xE014B},
    {"VS93", 0xE014C}, {"VS94", 0xE014D}, {"VS95", 0xE014E}, {"VS96", 0xE014F},
    {"VS97", 0xE0150}, {"VS98", 0xE0151}, {"VS99", 0xE0152}, {"VT", 0xB}, {"VTS", 0x8A},
    {"WEIERSTRASS ELLIPTIC FUNCTION", 0x2118}, {"WJ", 0x2060},
    {"YI SYLLABLE ITERATION MARK", 0xA015}, {"ZWJ", 0x200D}, {"ZWNBSP", 0xFEFF},
    {"ZWNJ", 0x200C}, {"ZWSP", 0x200B},
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Python 3.11's CJK unified ideograph ranges (its Unicode 14.0 database).
bool is_unified_ideograph(uint32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B738) ||
         (cp >= 0x2B740 && cp <= 0x2B81D) || (cp >= 0x2B820 && cp <= 0x2CEA1) ||
         (cp >= 0x2CEB0 && cp <= 0x2EBE0) || (cp >= 0x30000 && cp <= 0x3134A);
}

bool assigned_by_unicode_14(uint32_t cp) {
  UVersionInfo age;
  u_charAge(static_cast<UChar32>(cp), age);
  return age[0] < 14 || (age[0] == 14 && age[1] == 0);
}

// The code point Python 3.11 gives \N{name}. Its rules: names match case-insensitively,
// except that the algorithmic "HANGUL SYLLABLE " and "CJK UNIFIED IDEOGRAPH-" names
// must be written exactly in upper case; aliases are accepted, named sequences are not;
// the database is Unicode 14.0 (ICU may be newer, so later characters are refused),
// and Tangut ideographs have no names there.
bool lookup_unicode_name(std::string_view name, uint32_t& cp) {
  if (name.empty() || name.size() > 128) return false;
  char upper[132];
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == 0 || static_cast<unsigned char>(c) >= 0x80) return false;
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  upper[name.size()] = 0;
  std::string_view up(upper, name.size());

  constexpr std::string_view kCjk = "CJK UNIFIED IDEOGRAPH-";
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  if (starts_with(up, kCjk)) {
    if (!starts_with(name, kCjk)) return false;
    std::string_view digits = name.substr(kCjk.size());
    if (digits.size() != 4 && digits.size() != 5) return false;
    uint32_t v = 0;
    for (char c : digits) {
      if (c >= '0' && c <= '9') v = v * 16 + (c - '0');
      else if (c >= 'A' && c <= 'F') v = v * 16 + (c - 'A' + 10);
      else return false;
    }
    if (!is_unified_ideograph(v)) return false;
    cp = v;
    return true;
  }
  if (starts_with(up, kHangul)) {
    if (up != name) return false;  // the whole name must already be upper case
    UErrorCode status = U_ZERO_ERROR;
    UChar32 c = u_charFromName(U_UNICODE_CHAR_NAME, upper, &status);
    if (U_FAILURE(status) || c < 0xAC00 || c > 0xD7A3) return false;
    cp = static_cast<uint32_t>(c);
    return true;
  }
  if (!starts_with(up, "TANGUT IDEOGRAPH-")) {
    // ICU's name lookup scans its whole name table (tens of microseconds), so names
    // already seen are remembered: a file tends to use the same few many times.
    struct CacheEntry {
      std::string name;
      uint32_t cp = 0;
    };
    thread_local CacheEntry cache[64];
    uint32_t h = 2166136261u;
    for (char c : up) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    CacheEntry& slot = cache[h & 63];
    if (slot.name == up) {
      cp = slot.cp;
      return true;
    }
    UErrorCode status = U_ZERO_ERROR;
    UChar32 c = u_charFromName(U_UNICODE_CHAR_NAME, upper, &status);
    if (U_SUCCESS(status) && c >= 0 && assigned_by_unicode_14(static_cast<uint32_t>(c))) {
      cp = static_cast<uint32_t>(c);
      slot.name.assign(up);
      slot.cp = cp;
      return true;
    }
  }
  auto it = std::lower_bound(std::begin(kAliases), std::end(kAliases), up,
                             [](const Alias& a, std::string_view n) { return a.name < n; });
  if (it != std::end(kAliases) && it->name == up) {
    cp = it->cp;
    return true;
  }
  return false;
}

// -- Escape decoding -----------------------------------------------------------------

// A decoding failure, as CPython words it once the parser turned the codec's exception
// into a SyntaxError.
struct DecodeError {
  std::string msg;
};

// Decodes the body of a non-raw str literal (or a literal part of an f-string) into
// `out`, as CPython 3.11's decode_unicode_with_escapes does. CPython first rewrites
// every non-ASCII character as a 10-byte \UXXXXXXXX escape (and a backslash before a
// non-ASCII character or at the end as the 6-byte \u005c) before running the
// 'unicodeescape' codec, so positions in its error messages count in that rewritten
// text; `pos` tracks them.
bool decode_str_escapes(const char* s, size_t len, std::string& out, DecodeError& err) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  const auto* end = p + len;
  size_t pos = 0;
  while (p < end) {
    unsigned char c = *p;
    if (c != '\\') {
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++p;
        ++pos;
      } else {
        int n = std::min<int>(utf8_length(c), static_cast<int>(end - p));
        out.append(reinterpret_cast<const char*>(p), n);
        p += n;
        pos += 10;
      }
      continue;
    }
    size_t start = pos;
    ++p;
    if (p >= end || *p >= 0x80) {  // a lone backslash stays a backslash
      out += '\\';
      pos += 6;
      continue;
    }
    c = *p++;
    pos += 2;
    const char* message = nullptr;
    switch (c) {
      case '\n': continue;
      case '\\': out += '\\'; continue;
      case '\'': out += '\''; continue;
      case '"': out += '"'; continue;
      case 'b': out += '\b'; continue;
      case 'f': out += '\f'; continue;
      case 't': out += '\t'; continue;
      case 'n': out += '\n'; continue;
      case 'r': out += '\r'; continue;
      case 'v': out += '\v'; continue;
      case 'a': out += '\a'; continue;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = c - '0';
        for (int i = 0; i < 2 && p < end && *p >= '0' && *p <= '7'; ++i) {
          v = v * 8 + (*p++ - '0');
          ++pos;
        }
        append_utf8(out, v);  // above 0o377 only a DeprecationWarning in 3.11
        continue;
      }
      case 'x': case 'u': case 'U': {
        int count = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        message = c == 'x'   ? "truncated \\xXX escape"
                  : c == 'u' ? "truncated \\uXXXX escape"
                             : "truncated \\UXXXXXXXX escape";
        uint32_t v = 0;
        bool ok = true;
        for (; count; --count) {
          if (p >= end) { ok = false; break; }
          int d = hex_value(*p);
          if (d == 16) { ok = false; break; }
          v = v * 16 + d;
          ++p;
          ++pos;
        }
        if (ok && v > 0x10FFFF) {
          message = "illegal Unicode character";
          ok = false;
        }
        if (ok) {
          append_utf8(out, v);
          continue;
        }
        break;
      }
      case 'N': {
        message = "malformed \\N character escape";
        if (p >= end || *p != '{') break;
        const unsigned char* name = ++p;
        ++pos;
        while (p < end && *p != '}') {
          // Non-ASCII in a name was rewritten to 10 bytes by CPython.
          if (*p >= 0x80) {
            int n = std::min<int>(utf8_length(*p), static_cast<int>(end - p));
            p += n;
            pos += 10;
          } else {
            ++p;
            ++pos;
          }
        }
        if (p >= end) break;
        size_t name_len = static_cast<size_t>(p - name);
        if (name_len == 0) break;
        ++p;
        ++pos;
        uint32_t cp;
        if (lookup_unicode_name(
                std::string_view(reinterpret_cast<const char*>(name), name_len), cp)) {
          append_utf8(out, cp);
          continue;
        }
        message = "unknown Unicode character name";
        break;
      }
      default:
        // An invalid escape keeps its backslash (a DeprecationWarning in 3.11).
        out += '\\';
        out += static_cast<char>(c);
        continue;
    }
    // The codec reports bytes [start, pos) — CPython prints the inclusive range.
    err.msg = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
              std::to_string(start) + "-" + std::to_string(pos - 1) + ": " + message;
    return false;
  }
  return true;
}

// Decodes the body of a non-raw bytes literal, as CPython 3.11's _PyBytes_DecodeEscape.
bool decode_bytes_escapes(const char* s, size_t len, std::string& out, DecodeError& err) {
  size_t i = 0;
  while (i < len) {
    char c = s[i];
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    size_t backslash = i++;
    if (i == len) {  // cannot happen in a well-formed literal
      err.msg = "(value error) Trailing \\ in string";
      return false;
    }
    c = s[i++];
    switch (c) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'v': out += '\v'; break;
      case 'a': out += '\a'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned v = c - '0';
        for (int k = 0; k < 2 && i < len && s[i] >= '0' && s[i] <= '7'; ++k) {
          v = v * 8 + (s[i++] - '0');
        }
        out += static_cast<char>(v & 0xFF);  // above 0o377: truncated, with a warning
        break;
      }
      case 'x':
        if (i + 1 < len) {
          int d1 = hex_value(static_cast<unsigned char>(s[i]));
          int d2 = hex_value(static_cast<unsigned char>(s[i + 1]));
          if (d1 < 16 && d2 < 16) {
            out += static_cast<char>(d1 * 16 + d2);
            i += 2;
            break;
          }
        }
        err.msg = "(value error) invalid \\x escape at position " + std::to_string(backslash);
        return false;
      default:
        out += '\\';
        --i;  // the character after the backslash is read again as itself
        break;
    }
  }
  return true;
}

// -- One literal token ---------------------------------------------------------------

struct Literal {
  const Token* tok;
  bool bytes = false, raw = false, fmode = false;
  const char* body = nullptr;  // between the quotes
  size_t len = 0;
};

// Splits a STRING token into prefix flags and body. The lexer only makes STRING tokens
// of well-formed literals, so a malformed one is an internal error.
bool split_literal(const Token& t, Literal& lit) {
  lit.tok = &t;
  const char* s = t.text;
  size_t n = t.text_len;
  size_t i = 0;
  for (; i < n; ++i) {
    char c = s[i];
    if (c == 'b' || c == 'B') lit.bytes = true;
    else if (c == 'r' || c == 'R') lit.raw = true;
    else if (c == 'f' || c == 'F') lit.fmode = true;
    else if (c == 'u' || c == 'U') {}
    else break;
  }
  if (i >= n || (s[i] != '\'' && s[i] != '"')) return false;
  char quote = s[i];
  size_t q = (n - i >= 6 && s[i + 1] == quote && s[i + 2] == quote) ? 3 : 1;
  if (n - i < 2 * q) return false;
  lit.body = s + i + q;
  lit.len = n - i - 2 * q;
  return true;
}

// -- The run of strings --------------------------------------------------------------

class StringRun {
 public:
  StringRun(const Token* tokens, size_t count, Arena& arena, SyntaxErrorInfo& error)
      : first_(tokens[0]), last_(tokens[count - 1]), after_(tokens + count), arena_(arena),
        error_(error) {}

  ast::Node* build(const Token* tokens, size_t count);

 private:
  // One f-string nesting level's pieces (CPython's FstringParser): the pending literal
  // text and the finished parts.
  struct Parts {
    std::string pending;
    std::vector<ast::Node*> values;
    bool fmode = false;
  };

  bool fail(std::string msg) { return fail_after_run(error_, after_, std::move(msg)); }

  ast::Str arena_str(std::string_view s) {
    return ast::Str{arena_.copy(s.data(), s.size()), static_cast<uint32_t>(s.size())};
  }

  ast::Constant* make_str(std::string_view text, const Token& from, const Token& to) {
    auto* c = ast::make<ast::Constant>(arena_, from.lineno, from.col_offset, to.end_lineno,
                                       to.end_col_offset);
    c->value.kind = ast::ConstKind::Str;
    c->value.text = arena_str(text);
    if (from.text_len && from.text[0] == 'u') c->kind = ast::Str{"u", 1};
    return c;
  }

  // Moves the pending literal (if any) into the parts as a Constant.
  void flush(Parts& parts, const Token& from, const Token& to) {
    if (parts.pending.empty()) return;
    parts.values.push_back(make_str(parts.pending, from, to));
    parts.pending.clear();
  }

  ast::Node* finish_joined(Parts& parts, const Token& from, const Token& to) {
    flush(parts, from, to);
    auto* j = ast::make<ast::JoinedStr>(arena_, from.lineno, from.col_offset, to.end_lineno,
                                        to.end_col_offset);
    j->values.size = static_cast<uint32_t>(parts.values.size());
    j->values.items = arena_.array<ast::Node*>(parts.values.size());
    std::copy(parts.values.begin(), parts.values.end(), j->values.items);
    return j;
  }

  bool decode_literal(const char* s, size_t len, bool raw, std::string& out) {
    if (raw || !std::memchr(s, '\\', len)) {
      out.append(s, len);
      return true;
    }
    DecodeError err;
    if (decode_str_escapes(s, len, out, err)) return true;
    return fail(std::move(err.msg));
  }

  bool fstring(const Token& t, const char*& s, const char* end, bool raw, int level,
               Parts& parts);
  bool fstring_literal(const char*& s, const char* end, bool raw, int level, Parts& parts,
                       bool& more);
  bool fstring_field(const Token& t, const char*& s, const char* end, bool raw, int level,
                     Parts& parts);
  ast::Node* compile_expression(const Token& t, const char* start, const char* stop);

  const Token& first_;
  const Token& last_;
  const Token* after_;
  Arena& arena_;
  SyntaxErrorInfo& error_;
};

ast::Node* StringRun::build(const Token* tokens, size_t count) {
  // The common case — one plain literal with nothing to decode — copies its body
  // straight into the arena.
  if (count == 1) {
    Literal lit;
    if (split_literal(tokens[0], lit) && !lit.fmode &&
        (lit.raw || !std::memchr(lit.body, '\\', lit.len))) {
      bool ascii = true;
      if (lit.bytes) {
        for (size_t k = 0; k < lit.len && ascii; ++k) {
          ascii = static_cast<unsigned char>(lit.body[k]) < 0x80;
        }
      }
      if (ascii) {
        if (lit.bytes) {
          auto* c = ast::make<ast::Constant>(arena_, first_.lineno, first_.col_offset,
                                             last_.end_lineno, last_.end_col_offset);
          c->value.kind = ast::ConstKind::Bytes;
          c->value.text = arena_str(std::string_view(lit.body, lit.len));
          return c;
        }
        return make_str(std::string_view(lit.body, lit.len), first_, last_);
      }
    }
  }
  bool bytesmode = false;
  std::string bytes;
  Parts parts;
  for (size_t i = 0; i < count; ++i) {
    Literal lit;
    if (!split_literal(tokens[i], lit)) {
      fail("invalid string literal");
      return nullptr;
    }
    // CPython decodes a plain literal (and checks a bytes literal) before it looks at
    // how it mixes with the previous ones; an f-string is parsed after that check.
    std::string decoded;
    if (!lit.fmode) {
      if (lit.bytes) {
        for (size_t k = 0; k < lit.len; ++k) {
          if (static_cast<unsigned char>(lit.body[k]) >= 0x80) {
            fail("bytes can only contain ASCII literal characters");
            return nullptr;
          }
        }
        if (lit.raw || !std::memchr(lit.body, '\\', lit.len)) {
          decoded.assign(lit.body, lit.len);
        } else {
          DecodeError err;
          if (!decode_bytes_escapes(lit.body, lit.len, decoded, err)) {
            fail(std::move(err.msg));
            return nullptr;
          }
        }
      } else if (!decode_literal(lit.body, lit.len, lit.raw, decoded)) {
        return nullptr;
      }
    }
    if (i != 0 && bytesmode != lit.bytes) {
      fail("cannot mix bytes and nonbytes literals");
      return nullptr;
    }
    bytesmode = lit.bytes;
    if (lit.fmode) {
      const char* s = lit.body;
      if (!fstring(tokens[i], s, lit.body + lit.len, lit.raw, 0, parts)) return nullptr;
    } else if (bytesmode) {
      bytes += decoded;
    } else {
      parts.pending += decoded;
    }
  }
  if (bytesmode) {
    auto* c = ast::make<ast::Constant>(arena_, first_.lineno, first_.col_offset,
                                       last_.end_lineno, last_.end_col_offset);
    c->value.kind = ast::ConstKind::Bytes;
    c->value.text = arena_str(bytes);
    return c;
  }
  if (!parts.fmode) return make_str(parts.pending, first_, last_);
  return finish_joined(parts, first_, last_);
}

// Parses the f-string text [s, end) of token `t` into `parts`; at level 1 (a format
// spec) it stops at the '}' that closes the field.
bool StringRun::fstring(const Token& t, const char*& s, const char* end, bool raw, int level,
                        Parts& parts) {
  parts.fmode = true;
  for (;;) {
    bool more = false;
    if (!fstring_literal(s, end, raw, level, parts, more)) return false;
    if (more) continue;  // a doubled brace: keep collecting the literal
    if (s >= end || *s == '}') break;
    if (!fstring_field(t, s, end, raw, level, parts)) return false;
  }
  if (level != 0 && (s >= end || *s != '}')) return fail("f-string: expecting '}'");
  return true;
}

// Collects literal text up to an undoubled '{' (or, in a format spec, a '}'), decoding
// its escapes. `more` is set when it stopped after a doubled brace.
bool StringRun::fstring_literal(const char*& str, const char* end, bool raw, int level,
                                Parts& parts, bool& more) {
  const char* s = str;
  const char* start = s;
  const char* literal_end = nullptr;
  while (s < end) {
    char ch = *s++;
    if (!raw && ch == '\\' && s < end) {
      ch = *s++;
      if (ch == 'N') {
        // \N{...} may hold braces that are not fields.
        if (s < end && *s++ == '{') {
          while (s < end && *s++ != '}') {
          }
          continue;
        }
        break;
      }
    }
    if (ch == '{' || ch == '}') {
      if (level == 0) {
        if (s < end && *s == ch) {
          literal_end = s;
          str = s + 1;
          more = true;
          break;
        }
        if (ch == '}') {
          str = s - 1;
          return fail("f-string: single '}' is not allowed");
        }
      }
      --s;
      break;
    }
  }
  if (!literal_end) {
    literal_end = s;
    str = s;
  }
  if (literal_end == start) return true;
  return decode_literal(start, static_cast<size_t>(literal_end - start), raw, parts.pending);
}

// Where CPython 3.11 places the expression of a field whose '{' is at `brace` in token
// `t`: on the brace's line within the token, one column right of the brace (the
// sub-parser reads "(" in the brace's place). On the token's first line the token's own
// column is added; on later lines the column is the brace's column in its source line.
// When only whitespace follows the brace up to a newline, no column is added at all
// (the expression's tokens then sit on later lines, where columns are unshifted).
void locate_expression(const Token& t, const char* brace, int& first_lineno, int& first_col) {
  const char* parent = t.text;
  int lines = 0, cols = 0;
  bool newline_after_brace = true;
  for (const char* k = brace + 1; *k != '}' && *k != '\n'; ++k) {
    if (*k != ' ' && *k != '\t' && *k != '\f') {
      newline_after_brace = false;
      break;
    }
  }
  if (!newline_after_brace) {
    const char* k = brace;
    while (k > parent && *k != '\n') --k;
    cols = static_cast<int>(brace - k) - (*k == '\n');
  }
  for (const char* k = parent; k < brace; ++k) lines += *k == '\n';
  first_lineno = t.lineno + lines;
  first_col = lines != 0 ? cols : t.col_offset + cols;
}

ast::Node* StringRun::compile_expression(const Token& t, const char* start, const char* stop) {
  const char* s = start;
  while (s != stop && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f')) ++s;
  if (s == stop) {
    // 3.11.7 words it by what ends the field: '}' or one of '!', ':', '='.
    fail(*stop == '}' ? std::string("f-string: empty expression not allowed")
                      : std::string("f-string: expression required before '") + *stop + "'");
    return nullptr;
  }
  size_t len = static_cast<size_t>(stop - start);
  // The sub-parser reads "(" + text + ")"; the text is kept in the arena because the
  // names it yields may point into it.
  char* text = static_cast<char*>(arena_.allocate(len + 3, 1));
  text[0] = '(';
  std::memcpy(text + 1, start, len);
  text[len + 1] = ')';
  text[len + 2] = 0;
  LexOptions options;
  locate_expression(t, start - 1, options.first_lineno, options.first_col);
  return parse_fstring_expression(std::string_view(text, len + 2), options, arena_, error_);
}

// Parses one replacement field starting at '{': expression, '=', conversion, format
// spec, and the closing '}'.
bool StringRun::fstring_field(const Token& t, const char*& s, const char* end, bool raw,
                              int level, Parts& parts) {
  if (level >= 2) return fail("f-string: expressions nested too deeply");
  ++s;  // the '{'
  const char* expr_start = s;
  char quote = 0;
  int string_type = 0;
  constexpr int kMaxLevel = 200;
  char parens[kMaxLevel];
  int depth = 0;
  for (; s < end; ++s) {
    char ch = *s;
    if (ch == '\\') return fail("f-string expression part cannot include a backslash");
    if (quote) {
      if (ch == quote) {
        if (string_type == 3) {
          if (s + 2 < end && s[1] == ch && s[2] == ch) {
            s += 2;
            quote = 0;
            string_type = 0;
          }
        } else {
          quote = 0;
          string_type = 0;
        }
      }
    } else if (ch == '\'' || ch == '"') {
      if (s + 2 < end && s[1] == ch && s[2] == ch) {
        string_type = 3;
        s += 2;
      } else {
        string_type = 1;
      }
      quote = ch;
    } else if (ch == '[' || ch == '{' || ch == '(') {
      if (depth >= kMaxLevel) return fail("f-string: too many nested parenthesis");
      parens[depth++] = ch;
    } else if (ch == '#') {
      return fail("f-string expression part cannot include '#'");
    } else if (depth == 0 &&
               (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
      // "!=", "==", "<=", ">=" are operators; '<' and '>' alone never end the field.
      if (s + 1 < end && s[1] == '=' && (ch == '!' || ch == '=' || ch == '<' || ch == '>')) {
        ++s;
        continue;
      }
      if (ch == '>' || ch == '<') continue;
      break;
    } else if (ch == ']' || ch == '}' || ch == ')') {
      if (depth == 0) return fail(std::string("f-string: unmatched '") + ch + "'");
      char opening = parens[--depth];
      if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') ||
            (opening == '{' && ch == '}'))) {
        return fail(std::string("f-string: closing parenthesis '") + ch +
                    "' does not match opening parenthesis '" + opening + "'");
      }
    }
  }
  const char* expr_end = s;
  if (quote) return fail("f-string: unterminated string");
  if (depth) return fail(std::string("f-string: unmatched '") + parens[depth - 1] + "'");
  if (s >= end) return fail("f-string: expecting '}'");

  ast::Node* expression = compile_expression(t, expr_start, expr_end);
  if (!expression) return false;

  bool debug = false;
  if (*s == '=') {
    // The self-documenting form: the expression's text, '=' and the whitespace after
    // it become literal text. The closing quote guarantees s stays in the token.
    ++s;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f') {
      ++s;
    }
    parts.pending.append(expr_start, static_cast<size_t>(s - expr_start));
    debug = true;
  }
  int conversion = -1;
  if (*s == '!') {
    ++s;
    if (s >= end) return fail("f-string: expecting '}'");
    conversion = static_cast<unsigned char>(*s++);
    if (conversion != 's' && conversion != 'r' && conversion != 'a') {
      return fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
    }
  }
  if (s >= end) return fail("f-string: expecting '}'");
  ast::Node* format_spec = nullptr;
  if (*s == ':') {
    ++s;
    if (s >= end) return fail("f-string: expecting '}'");
    Parts spec;
    if (!fstring(t, s, end, raw, level + 1, spec)) return false;
    format_spec = finish_joined(spec, t, t);
  }
  if (s >= end || *s != '}') return fail("f-string: expecting '}'");
  ++s;
  if (debug && !format_spec && conversion == -1) conversion = 'r';

  flush(parts, first_, last_);
  auto* fv = ast::make<ast::FormattedValue>(arena_, first_.lineno, first_.col_offset,
                                            last_.end_lineno, last_.end_col_offset);
  fv->value = expression;
  fv->conversion = conversion;
  fv->format_spec = format_spec;
  parts.values.push_back(fv);
  return true;
}

}  // namespace

ast::Node* concatenate_strings(const Token* tokens, size_t count, Arena& arena,
                               SyntaxErrorInfo& error) {
  if (count == 0) return nullptr;
  return StringRun(tokens, count, arena, error).build(tokens, count);
}

}  // namespace strata
