#pragma once

#include "store/AuditEvent.h"

#include <QCoreApplication>
#include <QString>

namespace tokenpass::ui {

// How the audit log reads to a person (issue 19): "Signed a message", "Approved by you"; the
// stored texts (store::auditText) stay the database's format. A detail that lists scopes
// ("scopes: sign,encrypt") shows their plain labels (access/ScopeWords).
class AuditWords
{
    Q_DECLARE_TR_FUNCTIONS(AuditWords)
public:
    static QString operation(store::AuditOperation operation);
    static QString result(store::AuditResult result);
    static QString detail(const QString& storedDetail);
};

} // namespace tokenpass::ui
