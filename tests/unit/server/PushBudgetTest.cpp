// PushBudget: pushes take their body's bytes before parsing; beyond the budget they wait, in
// arrival order, and one push runs alone whatever its size.
#include "server/PushBudget.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace bridgecore::server;

namespace {

/// Waits (up to 5 s) until `n` takes wait for their turn.
bool waitingReaches(const PushBudget& b, int n) {
    for (int i = 0; i < 5000 && b.waiting() != n; ++i)
        QThread::msleep(1);
    return b.waiting() == n;
}

} // namespace

class PushBudgetTest : public QObject {
    Q_OBJECT
private slots:
    void takesWithinTheBudgetRunTogether() {
        PushBudget b(100);
        auto one = b.take(40);
        auto two = b.take(60);
        QCOMPARE(b.inFlight(), 100);
        QCOMPARE(b.waiting(), 0);
    }

    void aTakeBeyondTheBudgetWaitsForARelease() {
        PushBudget b(100);
        auto first = std::make_unique<PushBudget::Hold>(b.take(60));
        std::atomic<bool> got{false};
        QThread* t = QThread::create([&] {
            auto h = b.take(50);
            got = true;
        });
        t->start();
        QVERIFY(waitingReaches(b, 1));
        QVERIFY(!got);
        QCOMPARE(b.inFlight(), 60);
        first.reset();
        QVERIFY(t->wait(5000));
        delete t;
        QVERIFY(got);
        QCOMPARE(b.inFlight(), 0);
    }

    void aBodyLargerThanTheBudgetRunsAlone() {
        PushBudget b(100);
        auto small = std::make_unique<PushBudget::Hold>(b.take(10));
        std::atomic<bool> got{false};
        std::atomic<std::int64_t> alongside{-1};
        QThread* t = QThread::create([&] {
            auto h = b.take(500);
            alongside = b.inFlight();
            got = true;
        });
        t->start();
        QVERIFY(waitingReaches(b, 1));
        QVERIFY(!got);
        small.reset();
        QVERIFY(t->wait(5000));
        delete t;
        QVERIFY(got);
        QCOMPARE(alongside.load(), 500); // alone
    }

    void smallTakesDoNotOvertakeAWaitingLargeOne() {
        PushBudget b(100);
        auto first = std::make_unique<PushBudget::Hold>(b.take(60));
        std::atomic<int> order{0}, largeAt{0}, smallAt{0};
        // 95 + 10 exceed the budget, so the small take cannot return before the large one's
        // hold has gone: the order seen below is the order of admission, not of two threads
        // that both hold their share (with 80 both fitted and their counters raced).
        QThread* large = QThread::create([&] {
            auto h = b.take(95);
            largeAt = ++order;
        });
        large->start();
        QVERIFY(waitingReaches(b, 1));
        // 10 bytes would fit beside the 60 in flight, but the large take came first.
        QThread* small = QThread::create([&] {
            auto h = b.take(10);
            smallAt = ++order;
        });
        small->start();
        QVERIFY(waitingReaches(b, 2));
        QCOMPARE(order.load(), 0);
        first.reset();
        QVERIFY(large->wait(5000) && small->wait(5000));
        delete large;
        delete small;
        QCOMPARE(largeAt.load(), 1);
        QCOMPARE(smallAt.load(), 2);
    }
};

QTEST_APPLESS_MAIN(PushBudgetTest)
#include "PushBudgetTest.moc"
