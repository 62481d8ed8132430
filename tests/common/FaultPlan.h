#pragma once

#include "fs/FaultInjection.h"

#include <functional>
#include <vector>

namespace tokenpass::test {

// Installs an fs::FaultInjection hook for its lifetime: counts every step of every safe write and
// makes the N-th (1-based) fail with `fault`; 0 fails none (a dry run that counts the steps).
// `before`, if set, runs before each step with its number: a test can copy the data folder
// there, which is the folder a kill at that moment would leave.
class FaultPlan
{
public:
    explicit FaultPlan(int failAt = 0, fs::Fault fault = fs::Fault::NoSpace,
                       std::function<void(int, fs::FileStep)> before = {})
        : m_failAt(failAt), m_fault(fault), m_before(std::move(before))
    {
        fs::FaultInjection::install([this](fs::FileStep step) { return next(step); });
    }
    ~FaultPlan() { fs::FaultInjection::clear(); }
    FaultPlan(const FaultPlan&) = delete;
    FaultPlan& operator=(const FaultPlan&) = delete;

    int stepsSeen() const { return m_count; }
    bool fired() const { return m_fired; }
    const std::vector<fs::FileStep>& steps() const { return m_steps; }

private:
    fs::Fault next(fs::FileStep step)
    {
        ++m_count;
        m_steps.push_back(step);
        if (m_before)
            m_before(m_count, step);
        if (m_count != m_failAt)
            return fs::Fault::None;
        if (m_fault == fs::Fault::ShortWrite && step != fs::FileStep::Write)
            return fs::Fault::None;
        m_fired = true;
        return m_fault;
    }

    int m_failAt;
    fs::Fault m_fault;
    std::function<void(int, fs::FileStep)> m_before;
    int m_count = 0;
    bool m_fired = false;
    std::vector<fs::FileStep> m_steps;
};

} // namespace tokenpass::test
