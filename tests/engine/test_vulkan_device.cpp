// The Vulkan device layer under the ops: device listing, tensors moving to and from the
// device (slices at unaligned offsets included), fills and copies, batching of many
// dependent dispatches into one submit, the pipeline cache on disk, and refusals that are
// errors rather than crashes.
#include <QtTest>

#include <QDir>
#include <QTemporaryDir>

#ifdef GLASSBOX_HAS_VULKAN
#include "engine/backend/vulkan/vk_runtime.h"
#endif
#include "engine/core/error.h"
#include "tests/engine/vulkan_test_util.h"

using namespace gb;
using namespace gb::test;

class TestVulkanDevice : public QObject {
  Q_OBJECT
  QTemporaryDir cache_;

 private slots:
  void initTestCase() {
    // Before Vulkan starts: the pipeline cache goes to a fresh folder we can look into.
    QVERIFY(cache_.isValid());
    qputenv("XDG_CACHE_HOME", cache_.path().toUtf8());
    qputenv("GLASSBOX_VULKAN_DEVICE", "0");  // the override names the first device
    GB_REQUIRE_VULKAN();
  }

  void lists_vulkan_devices_with_a_type() {
    int vulkan = 0;
    for (const auto& d : list_devices()) {
      if (d.backend != "vulkan") continue;
      ++vulkan;
      QVERIFY(!d.name.empty());
      const QStringList types{"discrete", "integrated", "virtual", "cpu", "other"};
      QVERIFY2(types.contains(QString::fromStdString(d.type)), d.type.c_str());
      if (d.name.find("llvmpipe") != std::string::npos) QCOMPARE(d.type, std::string("cpu"));
    }
    QVERIFY(vulkan >= 1);
  }

  void round_trips_values() {
    std::vector<float> v(1000);
    for (size_t i = 0; i < v.size(); ++i) v[i] = float(i) * 0.5f - 7.0f;
    const Tensor host = Tensor::from({10, 100}, v);
    const Tensor dev = host.to(Device::Vulkan);
    QCOMPARE(dev.device(), Device::Vulkan);
    QCOMPARE(dev.to_vector(), v);
    QCOMPARE(dev.to(Device::CPU).to_vector(), v);
    QCOMPARE(dev.clone().to_vector(), v);
    QCOMPARE(dev.slice_rows(3, 4).to_vector(), std::vector<float>(v.begin() + 300, v.begin() + 400));
    QCOMPARE(dev.reshape({1000}).slice_rows(301, 302).item(), v[301]);
  }

  void host_pointer_of_a_device_tensor_is_an_error() {
    Tensor dev = Tensor::zeros({4}, Device::Vulkan);
    try {
      (void)dev.data();
      QFAIL("data() of a Vulkan tensor returned");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("to(Device::CPU)") != std::string::npos, e.what());
    }
  }

  void fills_and_copies_on_the_device() {
    Tensor t = Tensor::empty({5, 3}, Device::Vulkan);
    t.fill(2.5f);
    t.slice_rows(1, 3).fill(-1.0f);  // starts 3 floats in: not on any alignment
    QCOMPARE(t.to_vector(), (std::vector<float>{2.5f, 2.5f, 2.5f, -1, -1, -1, -1, -1, -1, 2.5f, 2.5f, 2.5f, 2.5f,
                                                2.5f, 2.5f}));
    Tensor u = Tensor::zeros({2, 3}, Device::Vulkan);
    u.copy_from(t.slice_rows(2, 4));
    QCOMPARE(u.to_vector(), (std::vector<float>{-1, -1, -1, 2.5f, 2.5f, 2.5f}));
    Tensor h = Tensor::empty({2, 3});
    h.copy_from(u);
    QCOMPARE(h.to_vector(), u.to_vector());
  }

  // An op on slices that start at unaligned offsets reads and writes exactly those values.
  void ops_on_unaligned_slices() {
    const Tensor a = Tensor::from({7, 3}, std::vector<float>(21, 1.0f)).to(Device::Vulkan);
    Tensor out = Tensor::zeros({7, 3}, Device::Vulkan);
    Tensor o = out.slice_rows(1, 2);
    backend_for(Device::Vulkan).add(a.slice_rows(5, 6), a.slice_rows(2, 3), o);
    const std::vector<float> got = out.to_vector();
    for (int i = 0; i < 21; ++i) QCOMPARE(got[i], (i >= 3 && i < 6) ? 2.0f : 0.0f);
  }

  // 500 dispatches that each read what the one before wrote: the recorder's barriers keep
  // them in order, and all of them go to the device in one submit.
  void dependent_dispatches_in_one_submit() {
#ifndef GLASSBOX_HAS_VULKAN
    QSKIP("built without Vulkan");
#else
    Backend& vk = backend_for(Device::Vulkan);
    Tensor acc = Tensor::zeros({1000}, Device::Vulkan);
    const Tensor one = Tensor::from({1000}, std::vector<float>(1000, 1.0f)).to(Device::Vulkan);
    vk::Recorder& rec = vk::runtime().recorder;
    rec.flush();
    const int64_t submits = rec.submits(), dispatches = rec.dispatches_recorded();
    for (int i = 0; i < 500; ++i) vk.axpy(acc, one, 1.0f);
    QCOMPARE(rec.submits(), submits);  // nothing submitted while recording
    const std::vector<float> got = acc.to_vector();
    QCOMPARE(rec.submits(), submits + 1);
    QCOMPARE(rec.dispatches_recorded() - dispatches, int64_t(500));
    for (float x : got) QCOMPARE(x, 500.0f);
#endif
  }

  void pipeline_cache_is_saved() {
    (void)Tensor::from({3}, {1, 2, 3}).to(Device::Vulkan).to_vector();  // a flush saves new pipelines
    const QDir dir(cache_.path() + "/glassbox");
    const QStringList files = dir.entryList({"vulkan-pipelines-*.bin"}, QDir::Files);
    QCOMPARE(files.size(), 1);
    QVERIFY(QFileInfo(dir.filePath(files[0])).size() > 0);
  }

  void too_large_a_tensor_is_an_error() {
    QVERIFY_THROWS_EXCEPTION(Error, Tensor::empty({int64_t(1) << 31}, Device::Vulkan));  // 8 GiB
  }

  // A range freed while the batch that reads it is still being recorded is handed out again
  // at once; the new writer must wait for the old reader (a write-after-read barrier).
  void memory_freed_mid_batch_is_reused_in_order() {
#ifndef GLASSBOX_HAS_VULKAN
    QSKIP("built without Vulkan");
#else
    Backend& vk = backend_for(Device::Vulkan);
    vk::runtime().recorder.flush();
    const int64_t n = 1 << 14;
    Tensor y = Tensor::zeros({n}, Device::Vulkan);
    VkDeviceSize freed_offset = 0;
    VkBuffer freed_buffer = VK_NULL_HANDLE;
    {
      Tensor x = Tensor::empty({n}, Device::Vulkan);
      x.fill(1.0f);
      vk.axpy(y, x, 2.0f);  // reads x
      const auto& a = static_cast<vk::VkStorage*>(x.storage())->allocation();
      freed_offset = a.offset;
      freed_buffer = a.buffer;
    }  // x freed here, nothing submitted yet
    Tensor z = Tensor::empty({n}, Device::Vulkan);
    const auto& b = static_cast<vk::VkStorage*>(z.storage())->allocation();
    QCOMPARE(b.buffer, freed_buffer);
    QCOMPARE(b.offset, freed_offset);  // the same range, in the same batch
    z.fill(5.0f);
    for (float v : y.to_vector()) QCOMPARE(v, 2.0f);
    for (float v : z.to_vector()) QCOMPARE(v, 5.0f);
#endif
  }

  void memory_is_reused() {
#ifndef GLASSBOX_HAS_VULKAN
    QSKIP("built without Vulkan");
#else
    vk::Runtime& rt = vk::runtime();
    rt.recorder.flush();
    const auto before = rt.device_pool.bytes_in_use();
    for (int i = 0; i < 50; ++i) {
      Tensor t = Tensor::zeros({1 << 16}, Device::Vulkan);
      t.fill(float(i));
    }
    rt.recorder.flush();  // frees wait for the work that used them
    QCOMPARE(rt.device_pool.bytes_in_use(), before);
#endif
  }
};

QTEST_GUILESS_MAIN(TestVulkanDevice)
#include "test_vulkan_device.moc"
