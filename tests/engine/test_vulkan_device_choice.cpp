// GLASSBOX_VULKAN_DEVICE=N picks the N-th Vulkan device; a number that names no device is a
// one-line reason (and the CPU), not a crash or a silent other choice.
#include <QtTest>

#include "engine/backend/backend.h"
#include "engine/core/error.h"

using namespace gb;

class TestVulkanDeviceChoice : public QObject {
  Q_OBJECT

 private slots:
  void a_missing_device_number_is_a_reason() {
    int vulkan = 0;
    for (const auto& d : list_devices()) vulkan += d.backend == "vulkan";
    if (vulkan == 0) QSKIP("no Vulkan device");
    // Set before Vulkan starts in this process (list_devices does not start it).
    qputenv("GLASSBOX_VULKAN_DEVICE", QByteArray::number(vulkan + 98));
    std::string why;
    QVERIFY(!backend_available(Device::Vulkan, &why));
    qInfo("reason: %s", why.c_str());
    QVERIFY2(why.find("GLASSBOX_VULKAN_DEVICE=" + std::to_string(vulkan + 98)) != std::string::npos, why.c_str());
    QVERIFY(why.find('\n') == std::string::npos);
    QVERIFY_THROWS_EXCEPTION(Error, backend_for(Device::Vulkan));
  }
};

QTEST_GUILESS_MAIN(TestVulkanDeviceChoice)
#include "test_vulkan_device_choice.moc"
