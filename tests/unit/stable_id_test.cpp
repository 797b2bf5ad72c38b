// Stable document keys and content hashes: what counts as the same report, and as a change.
#include <gtest/gtest.h>

#include "core/stable_id.hpp"

using namespace toponym;

TEST(ContentHash, LineEndsAndTrailingBlanksDoNotMakeAChange) {
    const std::string text = "---\ntitle: T\n---\nAir strikes hit Saraqib.\n\nShelling hit Ariha.\n";
    EXPECT_EQ(content_hash(text), content_hash("---\r\ntitle: T\r\n---\r\nAir strikes hit Saraqib.  \r\n\r\nShelling hit Ariha.\r\n"));
    EXPECT_EQ(content_hash(text), content_hash("\n\n" + text + "\n\n\t\n"));
    EXPECT_EQ(normalised_content("a \r\rb\t\n"), "a\n\nb");
    EXPECT_EQ(normalised_content("\n\na \n\n\tb\t\n\n"), "a\n\n\tb") << "LF only (the lines found with memchr)";
}

TEST(ContentHash, EditedWordsDatesAndParagraphsAreChanges) {
    const std::string text = "---\npublished: 2020-01-02\n---\nAir strikes hit Saraqib.\n\nShelling hit Ariha.\n";
    EXPECT_NE(content_hash(text), content_hash("---\npublished: 2020-01-03\n---\nAir strikes hit Saraqib.\n\nShelling hit Ariha.\n"));
    EXPECT_NE(content_hash(text), content_hash("---\npublished: 2020-01-02\n---\nAir strikes hit Saraqeb.\n\nShelling hit Ariha.\n"));
    // A paragraph break is part of the text (sentences and offsets depend on it).
    EXPECT_NE(content_hash(text), content_hash("---\npublished: 2020-01-02\n---\nAir strikes hit Saraqib.\nShelling hit Ariha.\n"));
    EXPECT_EQ(content_hash(text).size(), 16u);
}

TEST(DocumentKey, NamesTheReportNotItsContentAndSeparatesSources) {
    EXPECT_EQ(document_key("SOHR", "r1"), document_key("SOHR", "r1"));
    EXPECT_NE(document_key("SOHR", "r1"), document_key("Enab Baladi", "r1"));
    EXPECT_NE(document_key("SOHR", "r1"), document_key("SOHR", "r2"));
    EXPECT_NE(document_key("ab", "c"), document_key("a", "bc"));
    EXPECT_EQ(document_key("", "r1").rfind("dk-", 0), 0u);
    EXPECT_EQ(document_key("", "r1").size(), 19u);
}
