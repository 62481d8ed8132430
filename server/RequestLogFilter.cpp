#include "RequestLogFilter.h"

#include <QByteArrayView>
#include <QLoggingCategory>

#include <mutex>

namespace tokenpass::server {

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

void filter(QLoggingCategory* category)
{
    if (previousFilter)
        previousFilter(category); // the rules (QT_LOGGING_RULES, setFilterRules) first
    const QByteArrayView name(category->categoryName());
    if (name == "qt.httpserver" || name.startsWith("qt.httpserver.")) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

void keepRequestHeadersOutOfLogs()
{
    static std::once_flag once;
    std::call_once(once, [] { previousFilter = QLoggingCategory::installFilter(&filter); });
}

} // namespace tokenpass::server
