// With the Vulkan loader pointed at no driver, the engine says why in one line and the CPU
// keeps working: nothing crashes, nothing is created on a device that is not there.
#include <QtTest>

#include "engine/backend/backend.h"
#include "engine/core/error.h"

using namespace gb;

class TestVulkanFallback : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // Before the first use of Vulkan in this process: the loader reads these once.
    qputenv("VK_DRIVER_FILES", "/nonexistent");
    qputenv("VK_ICD_FILENAMES", "/nonexistent");
    qunsetenv("VK_ADD_DRIVER_FILES");
  }

  void reports_a_one_line_reason() {
    std::string why;
    QVERIFY(!backend_available(Device::Vulkan, &why));
    qInfo("fallback reason: %s", why.c_str());
    QVERIFY(!why.empty());
    QVERIFY(why.find('\n') == std::string::npos);
    QVERIFY(why.find("Vulkan") != std::string::npos);
    // The same answer the second time (Vulkan is started once per process).
    std::string again;
    QVERIFY(!backend_available(Device::Vulkan, &again));
    QCOMPARE(again, why);
  }

  void vulkan_use_throws_instead_of_crashing() {
    QVERIFY_THROWS_EXCEPTION(Error, backend_for(Device::Vulkan));
    QVERIFY_THROWS_EXCEPTION(Error, Tensor::empty({3}, Device::Vulkan));
    QVERIFY_THROWS_EXCEPTION(Error, Tensor::from({2}, {1.0f, 2.0f}).to(Device::Vulkan));
  }

  void lists_only_the_cpu() {
    const auto devices = list_devices();
    QVERIFY(!devices.empty());
    for (const auto& d : devices) QCOMPARE(d.backend, std::string("cpu"));
  }

  void the_cpu_still_runs() {
    QVERIFY(backend_available(Device::CPU));
    Tensor a = Tensor::from({2, 2}, {1, 2, 3, 4}), b = Tensor::from({2, 2}, {5, 6, 7, 8}), c = Tensor::empty({2, 2});
    backend_for(Device::CPU).matmul(a, false, b, false, c, 0.0f);
    QCOMPARE(c.to_vector(), (std::vector<float>{19, 22, 43, 50}));
  }
};

QTEST_GUILESS_MAIN(TestVulkanFallback)
#include "test_vulkan_fallback.moc"
