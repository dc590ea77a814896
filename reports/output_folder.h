// The output folder of a run, replaced as a whole. Reports are written into a fresh staging
// folder beside it, and the staging folder is then swapped into its place in one rename: a
// reader sees the old folder or the new one, never a mix, and a run that dies before the swap
// leaves the old folder as it was. A lock file beside the folder keeps two runs apart.
//
// The folder's parent may be writable by others (a shared out/): nothing here follows a symbolic
// link planted there. Staging folders get unpredictable names and mode 0700 until the swap;
// files are created with O_EXCL | O_NOFOLLOW; old folders are emptied name by name relative to
// an open descriptor, so a link inside is removed, never followed.
#ifndef CARRIERSIM_REPORTS_OUTPUT_FOLDER_H_
#define CARRIERSIM_REPORTS_OUTPUT_FOLDER_H_

#include <ctime>
#include <string>
#include <vector>

namespace carriersim {

// Every file a run may write to its output folder, in the order they are written.
const std::vector<std::string>& ReportFileNames();

// The lock file of output folder `dir`: ".NAME.carriersim-lock" beside it, in its parent, as the
// folder itself is replaced by every run.
std::string OutputLockPath(const std::string& dir);

// A folder beside the output folder that a run writes into; removed with what it holds when
// dropped, unless OutputFolder::Publish moved it into place.
class StagingFolder {
 public:
  StagingFolder() = default;
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  ~StagingFolder();

  int fd() const { return fd_; }  // for openat()
  // The output folder's path: where the files will be, as messages name them.
  const std::string& path() const { return path_; }
  // Removes the folder and what it holds now, rather than when dropped.
  void Discard();

 private:
  friend class OutputFolder;

  int parent_fd_ = -1;  // borrowed from the OutputFolder
  int fd_ = -1;
  std::string name_;  // in the parent
  std::string path_;
};

class OutputFolder {
 public:
  OutputFolder() = default;
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  ~OutputFolder();  // releases the lock

  // Creates the parent of `dir` if needed, takes the lock (failing at once if another run holds
  // it), removes the staging folders of dead runs, and checks that `dir`, if it exists, is a
  // folder holding only reports, so that replacing it loses nothing of anyone else's.
  bool Open(const std::string& dir, std::string* error);

  // A new, empty staging folder.
  bool Stage(StagingFolder* staging, std::string* error);

  // Swaps `staging` into the output folder's place and removes the old folder.
  bool Publish(StagingFolder* staging, std::string* error);

 private:
  std::string dir_;   // as given, for messages
  std::string name_;  // the folder's name in its parent
  std::string parent_;
  int parent_fd_ = -1;
  int lock_fd_ = -1;
  std::time_t locked_at_ = 0;
};

}  // namespace carriersim

#endif  // CARRIERSIM_REPORTS_OUTPUT_FOLDER_H_
